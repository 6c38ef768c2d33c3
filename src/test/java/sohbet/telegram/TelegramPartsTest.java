package sohbet.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.support.FakeBotApi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bridge's pure parts: splitting, error classification, tags and commands. */
class TelegramPartsTest {

    @Test
    void splitNeverCutsASurrogatePairAndPrefersLineBreaks() {
        String emoji = "a" + "😀".repeat(10);
        List<String> parts = MessageChunks.split(emoji, 6);
        assertThat(String.join("", parts), is(emoji));
        parts.forEach(p -> {
            assertThat(p.length(), lessThanOrEqualTo(6));
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1)), is(false));
        });

        assertThat(MessageChunks.split("birinci satır\nikinci", 16), is(List.of("birinci satır", "ikinci")));
        assertThat(MessageChunks.split("kısa", 4096), is(List.of("kısa")));
    }

    @Test
    void errorsAreSortedIntoWaitRetryAndGiveUp() {
        SendFailure tooMany = failure("error-429.json");
        assertThat(tooMany.permanent(), is(false));
        assertThat(tooMany.retryAfter(), is(Duration.ofSeconds(7)));
        assertThat(tooMany.reason(), is("429 Too Many Requests: retry after 7"));

        assertThat("the whole chat refuses: pause", failure("error-400-chat-not-found.json").scope(), is(SendFailure.Scope.CHAT));
        assertThat(failure("error-403-blocked.json").scope(), is(SendFailure.Scope.CHAT));
        assertThat("only this message is refused", failure("error-400-message-too-long.json").scope(), is(SendFailure.Scope.MESSAGE));
        SendFailure moved = failureOf(FakeBotApi.error(400, "Bad Request: group chat was upgraded to a supergroup chat").body()
                .replace("}", ",\"parameters\":{\"migrate_to_chat_id\":-1009876543210}}"));
        assertThat(moved.scope(), is(SendFailure.Scope.MOVED));
        assertThat(moved.movedTo(), is(-1009876543210L));

        SendFailure badGateway = failure("error-502.json");
        assertThat(badGateway.permanent(), is(false));
        assertThat(badGateway.retryAfter(), nullValue());

        SendFailure htmlPage = failure("error-502.html");
        assertThat("nginx's HTML page is an outage, not a refusal", htmlPage.permanent(), is(false));

        assertThat("a wrong token is the bot's problem, not the message's", failure("error-401.json").permanent(), is(false));
    }

    @Test
    void theTagIsReadFromTheLastLineOnly() {
        assertThat(ReplyTarget.tagOf(text("💬 Ayşe\nMerhaba\n#T42")), is(Optional.of(42L)));
        assertThat(ReplyTarget.tagOf(text("💬 Ayşe\n#T7 ile ilgili\nsoru")), is(Optional.empty()));
        assertThat(ReplyTarget.tagOf(text("Bugün kaç kişi yazdı?")), is(Optional.empty()));
    }

    @Test
    void commandsAreParsedFromTheText() {
        assertThat(BotTexts.command("/threads"), is(Optional.of(BotTexts.Command.THREADS)));
        assertThat(BotTexts.command("/threads@sohbet_test_bot"), is(Optional.of(BotTexts.Command.THREADS)));
        assertThat(BotTexts.command("/help"), is(Optional.of(BotTexts.Command.HELP)));
        assertThat(BotTexts.command("/start"), is(Optional.of(BotTexts.Command.HELP)));
        assertThat(BotTexts.command("merhaba /threads"), is(Optional.empty()));
        assertThat(BotTexts.command("/export T42"), is(Optional.of(BotTexts.Command.EXPORT)));
        assertThat(BotTexts.command("/c@sohbet_test_bot kargo"), is(Optional.of(BotTexts.Command.SAVED_ANSWER)));
        assertThat(BotTexts.command("/cevap"), is(Optional.of(BotTexts.Command.HELP)));
        assertThat(BotTexts.argument("/c@sohbet_test_bot   kargo "), is("kargo"));
        assertThat(BotTexts.argument("/export"), is(""));
        assertThat(TranscriptExport.threadId("T42"), is(Optional.of(42L)));
        assertThat(TranscriptExport.threadId("#t42"), is(Optional.of(42L)));
        assertThat(TranscriptExport.threadId("42"), is(Optional.of(42L)));
        assertThat(TranscriptExport.threadId("T42 lütfen"), is(Optional.empty()));
    }

    @Test
    void aMediaForwardIsTheFileWithCaptionThenOverflowTextThatDoesNotDependOnTheName() {
        Message media = message(Message.Kind.IMAGE, "image/jpeg", "Fiş ekte");
        List<ForwardPiece> pieces = ForwardText.pieces(thread("Ayşe"), media);
        assertThat(pieces, is(List.of(new ForwardPiece.Media(ForwardPiece.Upload.PHOTO, "💬 Ayşe\nFiş ekte\n#T42",
                "💬 Ayşe\n[fotoğraf] Fiş ekte\n#T42", "sohbet-7.jpg"))));

        String caption = "ç".repeat(ForwardText.CAPTION_BODY_LIMIT + 1);
        List<ForwardPiece> shortName = ForwardText.pieces(thread("A"), message(Message.Kind.IMAGE, "image/png", caption));
        List<ForwardPiece> longName = ForwardText.pieces(thread("Ş".repeat(50)), message(Message.Kind.IMAGE, "image/png", caption));
        assertThat("a rename between retries cannot change the pieces", shortName.size(), is(longName.size()));
        assertThat(longName, hasSize(2));
        assertThat(((ForwardPiece.Media) longName.get(0)).caption().length(), lessThanOrEqualTo(ForwardText.CAPTION_LIMIT));
        assertThat(((ForwardPiece.Text) longName.get(1)).text().endsWith("\nç\n#T42"), is(true));

        assertThat(ForwardPiece.Upload.forMime("audio/ogg"), is(ForwardPiece.Upload.VOICE));
        assertThat(ForwardPiece.Upload.forMime("audio/mpeg"), is(ForwardPiece.Upload.AUDIO));
        assertThat(ForwardPiece.Upload.forMime("audio/mp4"), is(ForwardPiece.Upload.AUDIO));
        assertThat(ForwardPiece.Upload.forMime("audio/webm"), is(ForwardPiece.Upload.DOCUMENT));
        assertThat(ForwardPiece.Upload.forMime("image/webp"), is(ForwardPiece.Upload.PHOTO));
    }

    @Test
    void theLargestPhotoSizeIsTheOneFetched() throws TelegramApiException {
        InboundMedia.Attachment a = InboundMedia.of(firstMessage("getUpdates-reply-photo.json")).orElseThrow();
        assertThat(a.fileId().endsWith("AgADeQADNgQ"), is(true));
        assertThat(a.declaredSize(), is(126514L));
        assertThat(a.kind(), is(Message.Kind.IMAGE));
        assertThat(InboundMedia.of(firstMessage("getUpdates-reply-document-image.json")).orElseThrow().kind(), is(Message.Kind.IMAGE));
        assertThat(InboundMedia.of(text("merhaba")), is(Optional.empty()));
    }

    private static org.telegram.telegrambots.meta.api.objects.message.Message firstMessage(String fixture) throws TelegramApiException {
        return new GetUpdates().deserializeResponse(FakeBotApi.read(fixture)).getFirst().getMessage();
    }

    private static ChatThread thread(String name) {
        return new ChatThread(42, name, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, true, 0, null, null, null);
    }

    /** A visitor message of thread 42: text, or a file of {@code mime} with its caption. */
    private static Message message(Message.Kind kind, String mime, String body) {
        boolean file = kind != Message.Kind.TEXT;
        return new Message(7, 42, Message.Sender.VISITOR, Message.Channel.WEB, kind, body, file ? "local:images/x.jpg;10x10" : null,
                mime, file ? 100L : null, null, Instant.EPOCH);
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        TelegramTiming t = new TelegramTiming(Duration.ofSeconds(50), Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(5));
        assertThat(List.of(t.backoff(1), t.backoff(2), t.backoff(3), t.backoff(7), t.backoff(400)),
                is(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofMinutes(1), Duration.ofMinutes(1))));
    }

    @Test
    void theApiUrlMustBeSchemeHostAndPort() {
        assertThat(BotConnection.telegramUrl("https://api.telegram.org").getPort(), is(443));
        assertThat(BotConnection.telegramUrl("http://127.0.0.1:8081/").getPort(), is(8081));
        for (String bad : List.of("api.telegram.org", "ftp://x", "https://proxy.example/telegram")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> BotConnection.telegramUrl(bad), bad);
            assertThat(refused.getMessage().contains("TELEGRAM_API_URL"), is(true));
        }
    }

    /** The exception the real client raises for this answer body. */
    private static SendFailure failure(String fixture) {
        return failureOf(FakeBotApi.read(fixture));
    }

    private static SendFailure failureOf(String body) {
        SendMessage method = SendMessage.builder().chatId("1").text("x").build();
        try {
            method.deserializeResponse(body);
        } catch (TelegramApiException e) {
            return SendFailure.of(e, s -> s);
        }
        throw new AssertionError(body + " did not fail");
    }

    private static org.telegram.telegrambots.meta.api.objects.message.Message text(String text) {
        var m = new org.telegram.telegrambots.meta.api.objects.message.Message();
        m.setText(text);
        return m;
    }

    @Test
    void everyPartOfALongForwardCarriesHeaderAndTag() {
        List<String> parts = ForwardText.parts(thread("Ayşe\nKötü"), message(Message.Kind.TEXT, null, "x".repeat(5000)));
        assertThat(parts, hasSize(2));
        assertThat(parts.getFirst().startsWith("💬 Ayşe Kötü (1/2)\n"), is(true));
        assertThat(parts.getLast().endsWith("\n#T42"), is(true));
    }
}
