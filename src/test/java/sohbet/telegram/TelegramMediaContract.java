package sohbet.telegram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import sohbet.desk.CannedReplies;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.live.Subscriber;
import sohbet.store.CannedReplyStore;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramOutboxStore;
import sohbet.support.Eventually;
import sohbet.support.FakeBotApi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Files both ways and the admin's desk commands over the bridge: visitor photos and recordings go out as
 * sendPhoto/sendVoice/sendAudio uploads through the outbox; photos, voice notes, audio and image files
 * sent as replies are fetched (getFile + file download from TELEGRAM_API_URL), checked by their bytes and
 * stored; {@code /export T42} and {@code /c name}. Runs once per database
 * ({@link TelegramMediaSqliteTest}, {@link TelegramMediaPostgresTest}).
 */
abstract class TelegramMediaContract extends BridgeHarness {
    /** The largest of the four sizes in getUpdates-reply-photo.json (1280×960). */
    private static final String LARGEST_PHOTO = "AgACAgIAAxkBAAIEsWlFq3Xc0Jt7Vn2pQm9yR8sKdLhAAAKx9TEb4kBRSBqkZ0mTcPq3AQADAgADeQADNgQ";
    private static final String VOICE = "AwACAgIAAxkBAAIEtGlFq9RmQ2v8yNw1Hc3aUq7eXoLpAAJ2bAAC4kBRSN7TfQx1m0VbNgQ";
    private static final String AUDIO = "CQACAgIAAxkBAAIEtWlFrAHn4pZbW2dJ0y9Kc5fTqVvRAAJ3bAAC4kBRSEp1xQ8ZbHcRNgQ";
    private static final String DOCUMENT = "BQACAgIAAxkBAAIEtmlFrC6vJlW95080mcgNa0HR5FnDAAJ4bAAC4kBRSKt8lNGXL31UNgQ";

    // ---- outbound: visitor files ------------------------------------------------------------

    @Test
    void aVisitorPhotoGoesOutAsAPhotoWithHeaderCaptionAndTag() throws IOException {
        ChatThread thread = app.chat().startThread("test", null);
        Message m = visitorSends(thread, "big-photo.jpg", "Fiş ekte, tarih yanlış.");

        awaitSent(m);
        assertThat(fake.sent(), hasSize(1));
        FakeBotApi.Call call = fake.sent().getFirst();
        assertThat(call.method(), is("sendphoto"));
        assertThat(call.chatId(), is(CHAT));
        assertThat(call.caption(), is("💬 " + thread.visitorName() + "\nFiş ekte, tarih yanlış.\n#T" + thread.id()));
        assertThat("no parse_mode for a caption either", call.params().has("parse_mode"), is(false));
        FakeBotApi.Upload photo = call.file("photo");
        assertThat(photo.fileName(), is("sohbet-" + m.id() + ".jpg"));
        assertThat("the stored (re-encoded, upright) original is what Telegram gets", photo.bytes(), is(stored(m)));
        long telegramId = outbox().byMessageId(m.id()).orElseThrow().telegramMessageId();
        assertThat(links().find(ADMIN_CHAT, telegramId),
                is(Optional.of(new TelegramLinkStore.Link(ADMIN_CHAT, telegramId, thread.id(), m.id()))));
    }

    @Test
    void aCaptionTooLongForTelegramOverflowsIntoAFollowingText() {
        ChatThread thread = app.chat().startThread("test", null);
        String caption = "Sipariş 4711 için fatura ve kargo fişi, lütfen kontrol edin. ".repeat(16).strip();
        Message m = visitorSends(thread, "small.png", caption);

        awaitSent(m);
        List<FakeBotApi.Call> sent = fake.sent();
        assertThat(sent.stream().map(FakeBotApi.Call::method).toList(), is(List.of("sendphoto", "sendmessage")));
        String first = sent.get(0).caption();
        String second = sent.get(1).text();
        assertThat(first.length(), lessThanOrEqualTo(1024));
        assertThat(first, startsWith("💬 " + thread.visitorName() + " (1/2)\n"));
        assertThat(first, endsWith("\n#T" + thread.id()));
        assertThat(second, startsWith("💬 " + thread.visitorName() + " (2/2)\n"));
        assertThat(second, endsWith("\n#T" + thread.id()));
        String joined = first.split("\n")[1] + " " + second.split("\n")[1];
        assertThat(joined, is(caption));
        assertThat("a reply to either message finds the thread", links().forMessage(m.id()), hasSize(2));
    }

    @Test
    void recordingsGoOutAsVoiceOrAudioAndEverythingKeepsItsOrder() {
        ChatThread thread = app.chat().startThread("test", null);
        visitorSays(thread, "önce");
        Message voice = visitorSends(thread, "voice.ogg", null);
        Message mp3 = visitorSends(thread, "note.mp3", "Şarkının adı ne?");
        Message webm = visitorSends(thread, "recorder.webm", null);
        visitorSays(thread, "sonra");

        awaitDrained();
        List<FakeBotApi.Call> sent = fake.sent();
        assertThat(sent.stream().map(FakeBotApi.Call::method).toList(),
                is(List.of("sendmessage", "sendvoice", "sendaudio", "senddocument", "sendmessage")));
        String header = "💬 " + thread.visitorName();
        assertThat(sent.get(1).caption(), is(header + "\n#T" + thread.id()));
        assertThat(sent.get(1).file("voice").bytes(), is(stored(voice)));
        assertThat(sent.get(1).file("voice").fileName(), is("sohbet-" + voice.id() + ".ogg"));
        assertThat(sent.get(2).caption(), is(header + "\nŞarkının adı ne?\n#T" + thread.id()));
        assertThat(sent.get(2).file("audio").bytes(), is(stored(mp3)));
        assertThat("a browser's WebM recording goes as a file Telegram can play", sent.get(3).file("document").bytes(), is(stored(webm)));
        assertThat(sent.get(4).text(), is(header + "\nsonra\n#T" + thread.id()));
    }

    @Test
    void aPhotoWaitsOutAnOutageAndIsDeliveredOnceBeforeWhatCameAfterIt() {
        fake.outage(FakeBotApi.Answer.fixture(502, "error-502.json"));
        ChatThread thread = app.chat().startThread("test", null);
        Message photo = visitorSends(thread, "small.png", "ilk");
        visitorSays(thread, "ikinci");

        Eventually.until("failed upload attempts", WAIT, () -> fake.calls("sendPhoto").size() >= 2);
        assertThat("nothing overtakes the waiting photo", fake.calls("sendMessage"), hasSize(0));
        assertThat(outbox().byMessageId(photo.id()).orElseThrow().lastError(), containsString("502"));
        fake.outage(null);

        awaitDrained();
        assertThat(fake.sent().stream().map(FakeBotApi.Call::method).toList(), is(List.of("sendphoto", "sendmessage")));
        assertThat(fake.sent().get(1).text(), containsString("\nikinci\n"));
    }

    @Test
    void aPhotoTelegramRefusesAsAPhotoGoesAsADocumentOnce() {
        fake.refuse("sendPhoto", FakeBotApi.error(400, "Bad Request: PHOTO_INVALID_DIMENSIONS"));
        ChatThread thread = app.chat().startThread("test", null);
        Message photo = visitorSends(thread, "small.png", "Çok uzun bir ekran görüntüsü");
        visitorSays(thread, "sonraki");

        awaitDrained();
        assertThat(fake.sent().stream().map(FakeBotApi.Call::method).toList(), is(List.of("senddocument", "sendmessage")));
        assertThat(fake.sent().getFirst().file("document").bytes(), is(stored(photo)));
        assertThat(fake.sent().getFirst().caption(), containsString("Çok uzun bir ekran görüntüsü"));
        TelegramOutboxStore.Row row = outbox().byMessageId(photo.id()).orElseThrow();
        assertThat(row.sentAt() != null, is(true));
        assertThat(links().forMessage(photo.id()), hasSize(1));
    }

    @Test
    void aVoiceNoteRefusedInEveryFileFormGoesAsTheTextFallbackOnce() {
        fake.refuse("sendVoice", FakeBotApi.error(400, "Bad Request: VOICE_MESSAGES_FORBIDDEN"));
        fake.refuse("sendDocument", FakeBotApi.error(400, "Bad Request: not enough rights to send documents to the chat"));
        ChatThread thread = app.chat().startThread("test", null);
        Message voice = visitorSends(thread, "voice.ogg", "Dinler misiniz?");

        awaitSent(voice);
        assertThat(fake.sent(), hasSize(1));
        assertThat(fake.sent().getFirst().text(), is("💬 " + thread.visitorName() + "\n[ses kaydı] Dinler misiniz?\n#T" + thread.id()
                + "\n" + BotTexts.FILE_NOT_TAKEN));
        assertThat("each form tried once", fake.calls("sendVoice").size() + fake.calls("sendDocument").size(), is(2));
    }

    @Test
    void aPhotoWhoseFileIsGoneIsForwardedAsTextWithANote() {
        fake.outage(FakeBotApi.Answer.fixture(502, "error-502.json"));
        ChatThread thread = app.chat().startThread("test", null);
        Message photo = visitorSends(thread, "small.png", "Bu ürün mü?");
        Eventually.until("a failed attempt", WAIT, () -> !fake.calls("sendPhoto").isEmpty());
        app.media().deleteFiles(photo);
        fake.outage(null);

        awaitDrained();
        assertThat(fake.sent(), hasSize(1));
        assertThat(fake.sent().getFirst().text(), is("💬 " + thread.visitorName() + "\n[fotoğraf] Bu ürün mü?\n#T" + thread.id()));
    }

    // ---- inbound: the admin's files -----------------------------------------------------------

    @Test
    void aPhotoReplyIsFetchedCheckedStoredAndPushedLive() throws Exception {
        ChatThread thread = forwardedThread();
        Subscriber visitorStream = app.hub().subscribeVisitor(thread.id());
        fake.serveFile(LARGEST_PHOTO, "photos/file_12.jpg", sample("big-photo.jpg"));

        fake.queueUpdates("getUpdates-reply-photo.json");
        Message reply = awaitAdminMessage(visitorStream);
        assertThat(reply.threadId(), is(thread.id()));
        assertThat(reply.kind(), is(Message.Kind.IMAGE));
        assertThat(reply.mime(), is("image/jpeg"));
        assertThat(reply.body(), is("Kargo fişiniz ekte."));
        assertThat(reply.channel(), is(Message.Channel.TELEGRAM));
        assertThat(reply.clientId(), is("tg-777000111-1203"));
        assertThat("the largest size is the one fetched", fake.calls("getFile").stream().map(c -> c.params().path("file_id").asText()).toList(),
                is(List.of(LARGEST_PHOTO)));
        assertThat(fake.downloads(), is(List.of("photos/file_12.jpg")));
        byte[] kept = stored(reply);
        assertThat("stored as an image the app re-encoded", kept[0] == (byte) 0xFF && kept[1] == (byte) 0xD8, is(true));
        // Linked right after the commit that pushed it: an edit or a reply to this photo finds it.
        Eventually.until("the link", WAIT, () -> links().find(ADMIN_CHAT, 1203).isPresent());
        assertThat(links().find(ADMIN_CHAT, 1203).orElseThrow().messageId(), is(reply.id()));
        assertThat("nothing but the forward was sent to the admin", fake.sent(), hasSize(1));
    }

    @Test
    void theSameTelegramMessageAgainIsStoredAndFetchedOnceAndAnEditChangesItsCaption() {
        ChatThread thread = forwardedThread();
        fake.serveFile(LARGEST_PHOTO, "photos/file_12.jpg", sample("small.png"));
        fake.queueUpdates("getUpdates-reply-photo.json");
        Eventually.until("the photo reply", WAIT, () -> messages().count(thread.id()) == 2);

        // Re-delivered under a new update id (as after a crash between storing and recording the update).
        fake.queueUpdates("getUpdates-reply-photo.json", u -> u.put("update_id", 731402150));
        fake.queueUpdates("getUpdates-reply-photo.json", u -> {
            u.put("update_id", 731402151);
            ObjectNode edited = (ObjectNode) u.remove("message");
            edited.put("edit_date", 1795600400);
            edited.put("caption", "Kargo fişiniz ve faturanız ekte.");
            u.set("edited_message", edited);
        });
        Eventually.until("both handled", WAIT, () -> fake.confirmed(731402151));
        assertThat(messages().count(thread.id()), is(2L));
        assertThat(fake.downloads(), hasSize(1));
        Message photo = adminMessages(thread).getFirst();
        assertThat(photo.kind(), is(Message.Kind.IMAGE));
        assertThat(photo.body(), is("Kargo fişiniz ve faturanız ekte."));
    }

    @Test
    void aVoiceNoteAnAudioFileAndAnImageSentAsAFileAllReachTheVisitor() throws Exception {
        ChatThread thread = forwardedThread();
        Subscriber visitorStream = app.hub().subscribeVisitor(thread.id());
        fake.serveFile(VOICE, "voice/file_13.oga", sample("voice.ogg"));
        fake.serveFile(AUDIO, "music/file_14.mp3", sample("note.mp3"));
        fake.serveFile(DOCUMENT, "documents/file_15.png", sample("small.png"));

        fake.queueUpdates("getUpdates-reply-voice.json");
        Message voice = awaitAdminMessage(visitorStream);
        assertThat(voice.kind(), is(Message.Kind.AUDIO));
        assertThat(voice.mime(), is("audio/ogg"));
        assertThat(voice.body(), is(""));
        assertThat(stored(voice), is(sample("voice.ogg")));

        fake.queueUpdates("getUpdates-reply-audio.json");
        Message audio = awaitAdminMessage(visitorStream);
        assertThat(audio.kind(), is(Message.Kind.AUDIO));
        assertThat(audio.mime(), is("audio/mpeg"));
        assertThat(audio.body(), is("Sesli açıklama ekledim."));

        fake.queueUpdates("getUpdates-reply-document-image.json");
        Message image = awaitAdminMessage(visitorStream);
        assertThat(image.kind(), is(Message.Kind.IMAGE));
        assertThat(image.clientId(), is("tg-777000111-1206"));
        assertThat(fake.downloads(), is(List.of("voice/file_13.oga", "music/file_14.mp3", "documents/file_15.png")));
    }

    @Test
    void aRefusedFileGetsItsReasonInTelegramAndStoresNothing() throws IOException {
        ChatThread thread = forwardedThread();
        fake.serveFile(LARGEST_PHOTO, "photos/file_12.jpg", sample("html-as.png"));

        fake.queueUpdates("getUpdates-reply-photo.json");
        fake.queueUpdates("getUpdates-not-a-reply.json", u -> u.put("update_id", 731402150));
        Eventually.until("both handled", WAIT, () -> fake.confirmed(731402150));
        List<FakeBotApi.Call> answers = fake.deliveredTo(ADMIN_CHAT);
        assertThat("the forward, the refusal, the help", answers, hasSize(3));
        assertThat(answers.get(1).text(), startsWith("Dosya ziyaretçiye gönderilmedi: Bu tür bir dosya gönderilemez."));
        assertThat(messages().count(thread.id()), is(1L));
        assertThat(links().find(ADMIN_CHAT, 1203), is(Optional.empty()));
        assertThat("no file kept", storedFiles(), is(List.of()));
    }

    @Test
    void aFileOverTheLimitIsRefusedWithoutDownloadingIt() {
        ChatThread thread = forwardedThread();
        fake.serveFile(DOCUMENT, "documents/file_15.jpg", sample("big-photo.jpg"));

        // Telegram announces 6 MB: over the 5 MB image limit, so the file is not even asked for.
        fake.queueUpdates("getUpdates-reply-document-image.json",
                u -> ((ObjectNode) u.get("message").get("document")).put("file_size", 6L * 1024 * 1024));
        Eventually.until("the refusal", WAIT, () -> fake.deliveredTo(ADMIN_CHAT).size() == 2);
        assertThat(fake.deliveredTo(ADMIN_CHAT).getLast().text(),
                is("Dosya ziyaretçiye gönderilmedi: Fotoğraf çok büyük: resimler en fazla 5 MB olabilir."));
        assertThat(fake.calls("getFile"), hasSize(0));
        assertThat(fake.downloads(), hasSize(0));
        assertThat(messages().count(thread.id()), is(1L));
    }

    @Test
    void aDownloadLargerThanMaxUploadIsCutOffAndRefused() {
        restartApp(Map.of("MAX_UPLOAD_MB", "1"));
        ChatThread thread = forwardedThread();
        // getFile says nothing of the size and the update says 126 KB; the bytes are 1.3 MB.
        fake.serveFile(LARGEST_PHOTO, "photos/file_12.jpg", sample("big-photo.jpg"), false);

        fake.queueUpdates("getUpdates-reply-photo.json");
        Eventually.until("the refusal", WAIT, () -> fake.deliveredTo(ADMIN_CHAT).size() == 2);
        assertThat(fake.deliveredTo(ADMIN_CHAT).getLast().text(),
                is("Dosya ziyaretçiye gönderilmedi: Dosya çok büyük: bir yükleme en fazla 1 MB olabilir."));
        assertThat(fake.downloads(), hasSize(1));
        assertThat(messages().count(thread.id()), is(1L));
    }

    // ---- desk commands ------------------------------------------------------------------------

    @Test
    void exportSendsTheTranscriptAsATextFileAndNamesAnUnknownThread() {
        ChatThread thread = app.chat().startThread("test", null);
        visitorSays(thread, "Merhaba, siparişim ne zaman gelir?");
        app.chat().postText(thread.id(), Message.Sender.ADMIN, Message.Channel.WEB, "Yarın teslim edilecek.", null);
        awaitDrained();

        fake.queueUpdates("getUpdates-command-threads.json", u -> command(u, "/export T" + thread.id()));
        fake.queueUpdates("getUpdates-command-threads.json", u -> {
            u.put("update_id", 731402150);
            command(u, "/export@sohbet_test_bot #T" + (thread.id() + 1000));
        });
        Eventually.until("both handled", WAIT, () -> fake.confirmed(731402150));

        List<FakeBotApi.Call> documents = fake.calls("sendDocument");
        assertThat(documents, hasSize(1));
        FakeBotApi.Upload file = documents.getFirst().file("document");
        assertThat(file.fileName(), is("sohbet-T" + thread.id() + ".txt"));
        String text = new String(file.bytes(), StandardCharsets.UTF_8);
        assertThat(text, startsWith("Sohbet #T" + thread.id() + " — " + thread.visitorName() + "\n"));
        assertThat(text, containsString(thread.visitorName() + ": Merhaba, siparişim ne zaman gelir?"));
        assertThat(text, containsString(": Yarın teslim edilecek."));
        assertThat(text, containsString("(Europe/Istanbul)"));
        assertThat(documents.getFirst().caption(), startsWith("#T" + thread.id() + " · "));
        assertThat(fake.deliveredTo(ADMIN_CHAT).getLast().text(),
                is("T" + (thread.id() + 1000) + " diye bir sohbet yok (silinmiş olabilir). /threads açık sohbetleri listeler."));
    }

    @Test
    void aSavedAnswerSentAsAReplyReachesTheVisitorOnce() throws Exception {
        CannedReplies canned = new CannedReplies(new CannedReplyStore(app.database()), Clock.systemUTC());
        canned.save("kargo", "Kargonuz yarın teslim edilecek. İyi günler!");
        ChatThread thread = app.chat().startThread("test", null);
        Subscriber visitorStream = app.hub().subscribeVisitor(thread.id());

        fake.queueUpdates("getUpdates-reply-text.json", u -> savedAnswerReply(u, "/c Kargo", thread));
        Message reply = awaitAdminMessage(visitorStream);
        assertThat(reply.threadId(), is(thread.id()));
        assertThat(reply.body(), is("Kargonuz yarın teslim edilecek. İyi günler!"));
        assertThat(reply.channel(), is(Message.Channel.TELEGRAM));
        assertThat(reply.clientId(), is("tg-777000111-1202"));

        // The same Telegram message again (new update id), then an edit of it: neither adds nor changes anything.
        fake.queueUpdates("getUpdates-reply-text.json", u -> {
            savedAnswerReply(u, "/c kargo", thread);
            u.put("update_id", 731402150);
        });
        fake.queueUpdates("getUpdates-reply-text.json", u -> {
            savedAnswerReply(u, "/c başka", thread);
            u.put("update_id", 731402151);
            u.set("edited_message", u.remove("message"));
        });
        Eventually.until("both handled", WAIT, () -> fake.confirmed(731402151));
        assertThat(messages().count(thread.id()), is(1L));
        assertThat(adminMessages(thread).getFirst().body(), is("Kargonuz yarın teslim edilecek. İyi günler!"));
        assertThat(newMessages(visitorStream), is(0));
        assertThat("the admin's chat got no answer", fake.sent(), hasSize(0));
    }

    @Test
    void anUnknownSavedAnswerListsTheSavedNamesAndNothingIsStored() {
        CannedReplies canned = new CannedReplies(new CannedReplyStore(app.database()), Clock.systemUTC());
        canned.save("kargo", "Kargonuz yarın teslim edilecek.");
        canned.save("merhaba", "Merhaba, nasıl yardımcı olabilirim?");
        ChatThread thread = app.chat().startThread("test", null);

        fake.queueUpdates("getUpdates-reply-text.json", u -> savedAnswerReply(u, "/c iade", thread));
        fake.queueUpdates("getUpdates-command-threads.json", u -> command(u, "/c kargo"));
        Eventually.until("both handled", WAIT, () -> fake.confirmed(731402108));

        List<FakeBotApi.Call> answers = fake.deliveredTo(ADMIN_CHAT);
        assertThat(answers, hasSize(2));
        assertThat(answers.get(0).text(), startsWith("\"iade\" adında kayıtlı yanıt yok. Kayıtlı yanıtlar: kargo, merhaba\n"));
        assertThat("not a reply: says how to use it", answers.get(1).text(), is(BotTexts.SAVED_NOT_A_REPLY));
        assertThat(messages().count(thread.id()), is(0L));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A visitor upload through the media service, as the upload route posts it. */
    private Message visitorSends(ChatThread thread, String sample, String caption) {
        try {
            Path file = Files.createTempFile(db.folder(), "upload-", ".bin");
            Files.write(file, sample(sample));
            try {
                return app.media().post(thread.id(), Message.Sender.VISITOR, Message.Channel.WEB, file, caption, null);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] stored(Message m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            app.media().copyOriginal(messages().byId(m.id()).orElseThrow(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Files kept under UPLOAD_DIR (its spool folder aside). */
    private List<Path> storedFiles() throws IOException {
        Path root = db.folder().resolve("uploads");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> !root.relativize(p).toString().startsWith("tmp")).toList();
        }
    }

    static byte[] sample(String name) {
        try (InputStream in = TelegramMediaContract.class.getResourceAsStream("/media/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource media/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a message of an update a command (text plus its bot_command entity). */
    private static void command(ObjectNode update, String text) {
        ObjectNode message = (ObjectNode) update.get("message");
        message.put("text", text);
        ArrayNode entities = message.putArray("entities");
        entities.addObject().put("offset", 0).put("length", text.split("[\\s]", 2)[0].length()).put("type", "bot_command");
    }

    /** The reply-text fixture as {@code /c name} replying to a forward of {@code thread} (found by its tag). */
    private static void savedAnswerReply(ObjectNode update, String text, ChatThread thread) {
        command(update, text);
        replyingTo(update, 900, thread);
    }
}
