package sohbet.telegram;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.live.Subscriber;
import sohbet.store.TelegramLinkStore;
import sohbet.store.TelegramOutboxStore;
import sohbet.support.Eventually;
import sohbet.support.FakeBotApi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The bridge end to end: the real app, the real telegrambots client and poller, and a local Bot API
 * server speaking Telegram's JSON. Timings are shortened; nothing sleeps a fixed time.
 * Runs once per database ({@link TelegramBridgeSqliteTest}, {@link TelegramBridgePostgresTest}).
 */
abstract class TelegramBridgeContract extends BridgeHarness {

    // ---- outbound ---------------------------------------------------------------------------

    @Test
    void visitorMessageReachesTheChatAsPlainTextWithHeaderAndTag() {
        ChatThread thread = app.chat().startThread("test", null);
        Message m = visitorSays(thread, "Merhaba *kalın_ <b>[link](x)");

        Eventually.until("the forward", WAIT, () -> fake.delivered().size() == 1);
        FakeBotApi.Call call = fake.delivered().getFirst();
        assertThat(call.chatId(), is(CHAT));
        assertThat(call.text(), is("💬 " + thread.visitorName() + "\nMerhaba *kalın_ <b>[link](x)\n#T" + thread.id()));
        assertThat("no parse_mode, so markup characters cannot break the send", call.params().has("parse_mode"), is(false));
        assertThat("TELEGRAM_TOPICS is off by default: no topic", call.messageThreadId(), nullValue());
        assertThat(fake.calls("createForumTopic"), hasSize(0));

        awaitSent(m);
        assertThat(links().find(ADMIN_CHAT, 1201), is(Optional.of(new TelegramLinkStore.Link(ADMIN_CHAT, 1201, thread.id(), m.id()))));
    }

    @Test
    void longTextIsSplitAtTelegramsLimitAndEveryPartIsLinked() {
        ChatThread thread = app.chat().startThread("test", null);
        String body = "😀".repeat(4000); // 8000 UTF-16 units, the count Telegram applies
        Message m = visitorSays(thread, body);

        awaitSent(m);
        List<FakeBotApi.Call> parts = fake.delivered();
        assertThat(parts, hasSize(3));
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String text = parts.get(i).text();
            assertThat(text.length(), lessThanOrEqualTo(4096));
            String[] lines = text.split("\n");
            assertThat(lines[0], is("💬 " + thread.visitorName() + " (" + (i + 1) + "/3)"));
            assertThat(lines[2], is("#T" + thread.id()));
            joined.append(lines[1]);
        }
        assertThat(joined.toString(), is(body));
        assertThat(links().forMessage(m.id()), hasSize(3));
    }

    @Test
    void tooManyRequestsWaitsRetryAfterThenSendsOnce() {
        fake.answerNextSends(FakeBotApi.Answer.tooManyRequests(1));
        ChatThread thread = app.chat().startThread("test", null);
        Message m = visitorSays(thread, "bir");

        Eventually.until("the retry", WAIT, () -> fake.delivered().size() == 1);
        List<FakeBotApi.Call> attempts = fake.calls("sendMessage");
        assertThat(attempts, hasSize(2));
        assertThat(attempts.get(0).status(), is(429));
        long waited = Duration.between(attempts.get(0).at(), attempts.get(1).at()).toMillis();
        assertThat("retry_after (1 s) honoured", waited, greaterThanOrEqualTo(950L));
        awaitSent(m);
        TelegramOutboxStore.Row row = outbox().byMessageId(m.id()).orElseThrow();
        assertThat(row.attempts(), is(1));
        assertThat(row.lastError(), nullValue());
    }

    @Test
    void outageThenRecoveryDeliversEveryForwardOnceAndInOrder() {
        fake.outage(FakeBotApi.Answer.fixture(502, "error-502.json"));
        ChatThread a = app.chat().startThread("a", null);
        ChatThread b = app.chat().startThread("b", null);
        visitorSays(a, "a1");
        visitorSays(b, "b1");
        visitorSays(a, "a2");

        Eventually.until("a few failed attempts", WAIT, () -> fake.calls("sendMessage").size() >= 2);
        // Telegram's front also answers with nginx's HTML page; that must count as retryable too.
        fake.outage(FakeBotApi.Answer.fixture(502, "error-502.html"));
        int before = fake.calls("sendMessage").size();
        Eventually.until("attempts against the HTML 502", WAIT, () -> fake.calls("sendMessage").size() >= before + 2);
        assertThat(fake.delivered(), hasSize(0));
        assertThat(outbox().head().orElseThrow().lastError(), containsString("deserialize"));

        fake.outage(null);
        awaitDrained();
        assertThat(bodies(fake.delivered()), is(List.of("a1", "b1", "a2")));
    }

    @Test
    void aRestartResumesTheOutboxWithoutLosingOrDoubling() {
        fake.outage(FakeBotApi.Answer.fixture(502, "error-502.json"));
        ChatThread thread = app.chat().startThread("test", null);
        visitorSays(thread, "önce");
        visitorSays(thread, "sonra");
        Eventually.until("a failed attempt", WAIT, () -> !fake.calls("sendMessage").isEmpty());
        app.close();

        fake.outage(null);
        app = startApp();
        awaitDrained();
        assertThat(bodies(fake.delivered()), is(List.of("önce", "sonra")));
    }

    @Test
    void aMessageTelegramRefusesEndsAloneAndTheOwnerIsToldInTheChat() {
        fake.answerNextSends(FakeBotApi.Answer.fixture(400, "error-400-message-too-long.json"));
        ChatThread thread = app.chat().startThread("test", null);
        Message refused = visitorSays(thread, "reddedildi");
        visitorSays(thread, "sonraki");

        Eventually.until("the next message and the notice", WAIT, () -> fake.delivered().size() == 2);
        TelegramOutboxStore.Row row = outbox().byMessageId(refused.id()).orElseThrow();
        assertThat(row.failedAt() != null, is(true));
        assertThat(row.lastError(), is("400 Bad Request: message is too long"));
        assertThat(fake.delivered().getFirst().text(), is(BotTexts.notForwarded(thread.tag(), "400 Bad Request: message is too long")));
        assertThat(bodies(fake.delivered().subList(1, 2)), is(List.of("sonraki")));
    }

    // ---- inbound ----------------------------------------------------------------------------

    @Test
    void aReplyBecomesAnAdminMessageInTheLinkedThreadAndIsPushedLive() throws InterruptedException {
        ChatThread thread = forwardedThread();
        ChatThread other = app.chat().startThread("other", null);
        Subscriber visitorStream = app.hub().subscribeVisitor(thread.id());
        Subscriber otherStream = app.hub().subscribeVisitor(other.id());

        // The fixture's tag line says #T42; the stored link (1201 → this thread) must win.
        fake.queueUpdates("getUpdates-reply-text.json");

        Message reply = awaitAdminMessage(visitorStream);
        assertThat(reply.threadId(), is(thread.id()));
        assertThat(reply.body(), is("Merhaba Ayşe Hanım, kargonuz yarın teslim edilecek."));
        assertThat(reply.channel(), is(Message.Channel.TELEGRAM));
        assertThat(reply.clientId(), is("tg-777000111-1202"));
        assertThat("no other visitor hears it", newMessages(otherStream), is(0));
        assertThat(messages().count(thread.id()), is(2L));
    }

    @Test
    void aReplyToAnUnlinkedMessageFindsTheThreadByItsTag() throws InterruptedException {
        ChatThread thread = app.chat().startThread("test", null);
        Subscriber visitorStream = app.hub().subscribeVisitor(thread.id());
        fake.queueUpdates("getUpdates-reply-text.json", u -> replyingTo(u, 900, thread));

        Message reply = awaitAdminMessage(visitorStream);
        assertThat(reply.threadId(), is(thread.id()));
    }

    /** A thread whose visitor message was forwarded (Telegram message 1201) and answered from Telegram (1202). */
    private ChatThread threadWithATelegramReply() {
        ChatThread thread = forwardedThread();
        fake.queueUpdates("getUpdates-reply-text.json");
        Eventually.until("the reply", WAIT, () -> messages().count(thread.id()) == 2);
        return thread;
    }

    @Test
    void anEditedReplyReplacesTheStoredTextAndTheAdminsSearchFindsItByItsNewTextOnly() {
        ChatThread thread = threadWithATelegramReply();
        sohbet.support.Web admin = web();
        admin.signIn("admin", "test-password");
        assertThat(admin.get("/admin/search?q=" + enc("yarın teslim")).body(), containsString("kargonuz yarın teslim edilecek"));

        // A NUL from Telegram is kept as a mark, by the same rule as a new message (PostgreSQL cannot store it).
        fake.queueUpdates("getUpdates-edited-reply.json", u -> ((ObjectNode) u.get("edited_message"))
                .put("text", "Kargonuz yarın öğleden\u0000önce teslim edilecek."));
        Eventually.until("the edit applied", WAIT, () -> adminMessages(thread).getFirst().body()
                .equals("Kargonuz yarın öğleden\uFFFDönce teslim edilecek."));
        assertThat("the edit added no message", messages().count(thread.id()), is(2L));

        String found = admin.get("/admin/search?q=" + enc("ÖĞLEDEN")).body();
        assertThat(found, containsString("Kargonuz yarın öğleden"));
        assertThat("the old text is no longer found", admin.get("/admin/search?q=" + enc("yarın teslim")).body(),
                not(containsString("Kargonuz")));
    }

    private static String enc(String q) {
        return java.net.URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    @Test
    void anUpdateFromAnotherChatIsIgnoredWithoutAnswer() {
        ChatThread thread = forwardedThread();
        // A stranger replying to a message carrying a valid tag: only the chat check stops it.
        fake.queueUpdates("getUpdates-foreign-chat.json", u -> replyingTo(u, 1201, thread));
        // Telegram's ids only grow; a marker queued later must carry a later id, or the poller rightly drops it.
        fake.queueUpdates("getUpdates-not-a-reply.json", u -> u.put("update_id", 731402120));

        Eventually.until("both updates handled", WAIT, () -> fake.confirmed(731402120));
        assertThat(fake.deliveredTo(999), hasSize(0));
        assertThat(messages().count(thread.id()), is(1L));
        assertThat("only the forward and the help for the admin's own message", fake.deliveredTo(ADMIN_CHAT), hasSize(2));
    }

    @Test
    void threadsCommandListsOpenThreadsWithTagsAndLastMessage() {
        ChatThread a = app.chat().startThread("a", null);
        ChatThread b = app.chat().startThread("b", null);
        visitorSays(a, "Kargo nerede?");
        visitorSays(b, "İade nasıl yapılır?");
        awaitDrained();

        fake.queueUpdates("getUpdates-command-threads.json");
        Eventually.until("the /threads answer", WAIT, () -> fake.deliveredTo(ADMIN_CHAT).size() == 3);
        String answer = fake.deliveredTo(ADMIN_CHAT).getLast().text();
        assertThat(answer, containsString("Açık sohbetler (2)"));
        assertThat(answer, containsString("#T" + a.id() + " · " + a.visitorName()));
        assertThat(answer, containsString("Kargo nerede?"));
        assertThat(answer, containsString("#T" + b.id() + " · " + b.visitorName()));
        assertThat(answer, containsString("İade nasıl yapılır?"));
    }

    @Test
    void aMessageThatIsNotAReplyGetsTheShortHelp() {
        fake.queueUpdates("getUpdates-not-a-reply.json");
        Eventually.until("the help", WAIT, () -> fake.deliveredTo(ADMIN_CHAT).size() == 1);
        assertThat(fake.deliveredTo(ADMIN_CHAT).getFirst().text(), is(BotTexts.NOT_A_REPLY));
    }

    @Test
    void anUpdateDeliveredAgainAfterARestartIsAppliedOnce() throws InterruptedException {
        ChatThread thread = threadWithATelegramReply();
        // As after a crash before Telegram got the confirming offset: the same update comes again.
        restartApp(Map.of());
        Subscriber visitorStream = app.hub().subscribeVisitor(thread.id());
        fake.queueUpdates("getUpdates-reply-text.json");
        fake.queueUpdates("getUpdates-not-a-reply.json");
        Eventually.until("both updates handled", WAIT, () -> fake.confirmed(731402107));
        assertThat(messages().count(thread.id()), is(2L));
        assertThat(newMessages(visitorStream), is(0));
    }

    // ---- telegram-test --------------------------------------------------------------------

    @Test
    void telegramTestCommandChecksTokenAndSendsATestMessage() {
        String printed = telegramTest(TelegramCheck.OK,
                out -> TelegramCheck.run(Optional.of(FakeBotApi.TOKEN), Optional.of(CHAT), fake.url(), out));
        assertThat(printed, containsString("@sohbet_test_bot"));
        assertThat(printed, containsString("OK: sendMessage"));
        assertThat(fake.deliveredTo(ADMIN_CHAT).getLast().text(), is(TelegramCheck.TEST_TEXT));
    }

    @Test
    void telegramTestCommandFailsClearlyWithABadTokenOrChat() {
        String printed = telegramTest(TelegramCheck.TELEGRAM_SAID_NO,
                out -> TelegramCheck.run(Optional.of("42:wrong"), Optional.of(CHAT), fake.url(), out));
        assertThat(printed, containsString("FAIL: getMe: 401 Unauthorized"));
        assertThat(printed, containsString("TELEGRAM_BOT_TOKEN"));

        fake.answerNextSends(FakeBotApi.Answer.fixture(400, "error-400-chat-not-found.json"));
        printed = telegramTest(TelegramCheck.TELEGRAM_SAID_NO,
                out -> TelegramCheck.run(Optional.of(FakeBotApi.TOKEN), Optional.of("123"), fake.url(), out));
        assertThat(printed, containsString("400 Bad Request: chat not found"));
        assertThat(printed, containsString("TELEGRAM_CHAT_ID"));

        telegramTest(TelegramCheck.NOT_CONFIGURED, out -> TelegramCheck.run(Optional.empty(), Optional.empty(), fake.url(), out));
    }
}
