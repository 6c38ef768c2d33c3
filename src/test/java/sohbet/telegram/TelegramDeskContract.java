package sohbet.telegram;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.live.Subscriber;
import sohbet.store.TelegramDeskStore;
import sohbet.store.TelegramLinkStore;
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
 * The desk run from Telegram alone, against a fake that refuses, upgrades and conflicts the way Telegram
 * does: who may answer in a group, a blocked bot pausing the outbox, a group's upgrade to a supergroup,
 * noise in groups, polling conflicts. Runs once per database ({@link TelegramDeskSqliteTest},
 * {@link TelegramDeskPostgresTest}): the moved chat id and the refusal are kept there.
 */
abstract class TelegramDeskContract extends BridgeHarness {
    static final long GROUP = FakeBotApi.GROUP;
    static final long SUPERGROUP = -1009876543210L;

    private void groupDesk(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.putIfAbsent("TELEGRAM_CHAT_ID", String.valueOf(GROUP));
        restart(env);
    }

    /** A new app on the same database, polling before the test goes on. */
    private void restart(Map<String, String> env) {
        restartApp(env);
        // On PostgreSQL the bot starts once this instance is elected; then its first poll shows it listens.
        Eventually.until("the new app running the bot", WAIT.multipliedBy(2), () -> health().contains("\"bot\":\"ON\""));
        int before = fake.pollsArrived();
        Eventually.until("the new app polling", WAIT, () -> fake.pollsArrived() > before);
    }

    private TelegramDeskStore desk() {
        return new TelegramDeskStore(app.database());
    }

    /** A visitor message forwarded to {@code chat}: its link (the Telegram message to reply to). */
    private TelegramLinkStore.Link forwarded(ChatThread thread, String text, long chat) {
        Message m = visitorSays(thread, text);
        Eventually.until("the forward", WAIT, () -> !links().forMessage(m.id()).isEmpty());
        TelegramLinkStore.Link link = links().forMessage(m.id()).getFirst();
        assertThat(link.chatId(), is(chat));
        return link;
    }

    private static String forwardText(ChatThread thread, String text) {
        return "💬 " + thread.visitorName() + "\n" + text + "\n#T" + thread.id();
    }

    private long countSendsTo(long chat) {
        return fake.calls("sendMessage").stream().filter(c -> String.valueOf(chat).equals(c.chatId())).count();
    }

    // ---- a blocked bot pauses, it does not drop ------------------------------------------------------------

    @Test
    void aBlockedBotPausesForwardsShowsWhyAndSendsEachOnceInOrderWhenUnblocked() {
        fake.block(ADMIN_CHAT);
        ChatThread a = app.chat().startThread("a", null);
        ChatThread b = app.chat().startThread("b", null);
        visitorSays(a, "a1");
        visitorSays(b, "b1");
        visitorSays(a, "a2");

        Eventually.until("refused tries", WAIT, () -> fake.calls("sendMessage").size() >= 3);
        Eventually.until("/health says so", WAIT, () -> health().contains("\"bot\":\"BLOCKED\""));
        assertThat(health(), containsString("\"botReason\":\"403 Forbidden: bot was blocked by the user\""));
        assertThat("kept in the database, for every instance", desk().find(CHAT).orElseThrow().refusedReason(),
                is("403 Forbidden: bot was blocked by the user"));
        assertThat("nothing given up", outbox().pendingCount(), is(3L));
        assertThat(fake.delivered(), hasSize(0));
        sohbet.support.Web owner = web();
        owner.signIn("admin", "test-password");
        assertThat("the panel's banner", owner.get("/admin").body(),
                containsString("Telegram botu mesaj gönderemiyor (403 Forbidden: bot was blocked by the user)"));

        fake.unblock(ADMIN_CHAT);
        awaitDrained();
        assertThat(bodies(fake.delivered()), is(List.of("a1", "b1", "a2")));
        Eventually.until("/health back to ON", WAIT, () -> health().contains("\"bot\":\"ON\""));
        assertThat(desk().find(CHAT).orElseThrow().refusedReason(), nullValue());
        assertThat(owner.get("/admin").body(), not(containsString("Telegram botu mesaj gönderemiyor")));
    }

    @Test
    void aRefusalRecordedEarlierClearsWhenTheChatTakesMessagesAgainEvenWithNothingQueued() {
        desk().refused(CHAT, "403 Forbidden: bot was blocked by the user", java.time.Instant.now());
        restart(Map.of());
        Eventually.until("a probe while nothing is queued", WAIT, () -> !fake.calls("sendChatAction").isEmpty());
        Eventually.until("/health back to ON", WAIT, () -> health().contains("\"bot\":\"ON\""));
        assertThat(desk().find(CHAT).orElseThrow().refusedReason(), nullValue());
    }

    // ---- a group upgraded to a supergroup -----------------------------------------------------------------

    @Test
    void anUpgradedGroupMovesTheDeskForGoodAndRepliesFromTheNewChatArrive() throws InterruptedException {
        groupDesk(Map.of());
        fake.upgrade(GROUP, SUPERGROUP);
        ChatThread thread = app.chat().startThread("test", null);
        TelegramLinkStore.Link link = forwarded(thread, "önce", SUPERGROUP);

        assertThat("refused once at the old id, then sent once at the new", countSendsTo(GROUP), is(1L));
        assertThat(fake.deliveredTo(SUPERGROUP), hasSize(1));
        assertThat(desk().find(String.valueOf(GROUP)).orElseThrow().chatId(), is(String.valueOf(SUPERGROUP)));
        assertThat(logs.text(), containsString("WARNING sohbet.telegram.DeskChat Telegram moved the desk from chat " + GROUP
                + " to chat " + SUPERGROUP));

        Subscriber visitor = app.hub().subscribeVisitor(thread.id());
        fake.queue(fake.reply(SUPERGROUP, FakeBotApi.OWNER, "Yeni gruptan yanıt", link.telegramMessageId(), forwardText(thread, "önce")), false);
        assertThat(awaitAdminMessage(visitor).body(), is("Yeni gruptan yanıt"));

        // TELEGRAM_CHAT_ID still names the old group: the stored move wins.
        restart(Map.of("TELEGRAM_CHAT_ID", String.valueOf(GROUP)));
        forwarded(thread, "sonra", SUPERGROUP);
        assertThat("no send to the old id after the restart", countSendsTo(GROUP), is(1L));
    }

    @Test
    void telegramsUpgradeNoticeAloneMovesTheDeskWithoutAWord() {
        groupDesk(Map.of());
        fake.upgrade(GROUP, SUPERGROUP);
        ObjectNode notice = fake.message(GROUP, FakeBotApi.OWNER, null);
        notice.put("migrate_to_chat_id", SUPERGROUP);
        long id = fake.queue(notice, false);

        Eventually.until("the notice handled", WAIT, () -> fake.confirmed(id));
        assertThat(desk().find(String.valueOf(GROUP)).orElseThrow().chatId(), is(String.valueOf(SUPERGROUP)));
        assertThat(fake.sent(), hasSize(0));
        ChatThread thread = app.chat().startThread("test", null);
        forwarded(thread, "ilk", SUPERGROUP);
        assertThat(countSendsTo(GROUP), is(0L));
    }

    // ---- who may answer ------------------------------------------------------------------------------------

    @Test
    void inAGroupOfThreeTheTwoAdminsAnswerAndTheMemberIsToldOnceThatOnlyAdminsMay() throws InterruptedException {
        groupDesk(Map.of());
        ChatThread thread = app.chat().startThread("test", null);
        TelegramLinkStore.Link link = forwarded(thread, "Merhaba", GROUP);
        String forward = forwardText(thread, "Merhaba");
        Subscriber visitor = app.hub().subscribeVisitor(thread.id());

        ObjectNode owner = fake.reply(GROUP, FakeBotApi.OWNER, "Sahibinden yanıt", link.telegramMessageId(), forward);
        fake.queue(owner, false);
        assertThat(awaitAdminMessage(visitor).body(), is("Sahibinden yanıt"));
        ObjectNode admin = fake.reply(GROUP, FakeBotApi.OTHER_ADMIN, "Diğer yöneticiden yanıt", link.telegramMessageId(), forward);
        fake.queue(admin, false);
        assertThat(awaitAdminMessage(visitor).body(), is("Diğer yöneticiden yanıt"));

        ObjectNode member = fake.reply(GROUP, FakeBotApi.MEMBER, "Üyeden yanıt", link.telegramMessageId(), forward);
        fake.queue(member, false);
        long last = fake.queue(fake.reply(GROUP, FakeBotApi.MEMBER, "Üyeden bir daha", link.telegramMessageId(), forward), false);
        Eventually.until("the member's replies handled", WAIT, () -> fake.confirmed(last));

        assertThat("the member reached no visitor", messages().count(thread.id()), is(3L));
        assertThat(newMessages(visitor), is(0));
        List<FakeBotApi.Call> told = fake.deliveredTo(GROUP).stream().filter(c -> BotTexts.NOT_AN_ADMIN.equals(c.text())).toList();
        assertThat("told once, in place", told, hasSize(1));
        assertThat(told.getFirst().params().path("reply_parameters").path("message_id").asInt(), is(member.get("message_id").asInt()));
        List<Integer> confirmed = fake.calls("setMessageReaction").stream().map(c -> c.params().path("message_id").asInt()).toList();
        assertThat("each delivered reply gets a reaction", confirmed,
                is(List.of(owner.get("message_id").asInt(), admin.get("message_id").asInt())));
        assertThat("the admin list is cached", fake.calls("getChatAdministrators").size(), lessThanOrEqualTo(2));
    }

    @Test
    void telegramAdminIdsNamesWhoMayAnswerAndAnAnonymousAdminCounts() throws InterruptedException {
        groupDesk(Map.of("TELEGRAM_ADMIN_IDS", String.valueOf(FakeBotApi.OTHER_ADMIN)));
        ChatThread thread = app.chat().startThread("test", null);
        TelegramLinkStore.Link link = forwarded(thread, "Merhaba", GROUP);
        String forward = forwardText(thread, "Merhaba");
        Subscriber visitor = app.hub().subscribeVisitor(thread.id());

        long ownerUpdate = fake.queue(fake.reply(GROUP, FakeBotApi.OWNER, "Sahip", link.telegramMessageId(), forward), false);
        Eventually.until("the owner's reply handled", WAIT, () -> fake.confirmed(ownerUpdate));
        assertThat("the owner is not in TELEGRAM_ADMIN_IDS", messages().count(thread.id()), is(1L));

        // Telegram shows an anonymous admin's message as sent by the group itself.
        ObjectNode anonymous = fake.reply(GROUP, 1087968824L, "Anonim yönetici", link.telegramMessageId(), forward);
        anonymous.putObject("sender_chat").put("id", GROUP).put("type", "group").put("title", "Destek masası");
        fake.queue(anonymous, false);
        assertThat(awaitAdminMessage(visitor).body(), is("Anonim yönetici"));
        assertThat(fake.calls("getChatAdministrators"), hasSize(0));
    }

    // ---- manners in groups ---------------------------------------------------------------------------------

    @Test
    void serviceNotesAndOtherBotsCommandsGetNoAnswerWhileOursIsAnsweredInPlace() {
        groupDesk(Map.of());
        ObjectNode joined = fake.message(GROUP, FakeBotApi.OWNER, null);
        joined.putArray("new_chat_members").addObject().put("id", 555L).put("is_bot", false).put("first_name", "Yeni");
        fake.queue(joined, false);
        ObjectNode title = fake.message(GROUP, FakeBotApi.OWNER, null);
        title.put("new_chat_title", "Destek masası 2");
        fake.queue(title, false);
        ObjectNode pinned = fake.message(GROUP, FakeBotApi.OWNER, null);
        pinned.set("pinned_message", fake.message(GROUP, FakeBotApi.OWNER, "sabit"));
        fake.queue(pinned, false);
        fake.queue(fake.message(GROUP, FakeBotApi.OWNER, "/threads@OtherBot"), false);
        ObjectNode ours = fake.message(GROUP, FakeBotApi.OWNER, "/threads@sohbet_test_bot");
        long last = fake.queue(ours, false);

        Eventually.until("all handled", WAIT, () -> fake.confirmed(last));
        List<FakeBotApi.Call> said = fake.deliveredTo(GROUP);
        assertThat(said, hasSize(1));
        assertThat(said.getFirst().text(), is("Açık sohbet yok."));
        assertThat(said.getFirst().params().path("reply_parameters").path("message_id").asInt(), is(ours.get("message_id").asInt()));
    }

    @Test
    void inAForumTheBotAnswersInTheTopicTheOwnerWroteIn() {
        restart(Map.of("TELEGRAM_TOPICS", "true", "TELEGRAM_CHAT_ID", String.valueOf(FakeBotApi.FORUM)));
        ObjectNode help = fake.message(FakeBotApi.FORUM, FakeBotApi.OWNER, "/help");
        long topic = fake.openTopic();
        help.put("message_thread_id", topic);
        help.put("is_topic_message", true);
        fake.queue(help, false);

        Eventually.until("the help", WAIT, () -> fake.deliveredTo(FakeBotApi.FORUM).size() == 1);
        FakeBotApi.Call answer = fake.deliveredTo(FakeBotApi.FORUM).getFirst();
        assertThat(answer.text(), is(BotTexts.HELP));
        assertThat(answer.messageThreadId(), is(topic));
        assertThat(answer.params().path("reply_parameters").path("message_id").asInt(), is(help.get("message_id").asInt()));
    }

    @Test
    void anUpdateThatCannotBeAppliedAfterItsRetriesIsReportedToTheOwner() {
        ChatThread thread = app.chat().startThread("test", null);
        // Breaks the reply path only (the database itself stays up): every try of the update fails the same way.
        app.database().write(tx -> tx.dml("DROP TABLE telegram_links"));
        fake.queueUpdates("getUpdates-reply-text.json", u -> replyingTo(u, 1201, thread));

        Eventually.until("the owner told", WAIT, () -> fake.deliveredTo(ADMIN_CHAT).stream()
                .anyMatch(c -> BotTexts.UPDATE_FAILED.equals(c.text())));
        FakeBotApi.Call told = fake.deliveredTo(ADMIN_CHAT).getLast();
        assertThat(told.params().path("reply_parameters").path("message_id").asInt(), is(1202));
        assertThat(messages().count(thread.id()), is(0L));
    }

    // ---- conflicts -----------------------------------------------------------------------------------------

    @Test
    void aPollingConflictShowsInHealthAndIsLoggedOnceAMinute() {
        fake.conflict(true);
        Eventually.until("/health shows the conflict", WAIT, () -> health().contains("\"bot\":\"CONFLICT\""));
        assertThat(health(), containsString("terminated by other getUpdates request"));
        Eventually.until("several refused polls", WAIT, () -> fake.calls("getUpdates").stream().filter(c -> c.status() == 409).count() >= 3);
        assertThat(logs.text().split("WARNING sohbet.telegram.PollConflicts", -1).length - 1, is(1));

        fake.conflict(false);
        Eventually.until("/health back to ON", WAIT, () -> health().contains("\"bot\":\"ON\""));
        assertThat(fake.calls("getUpdates").size(), greaterThanOrEqualTo(4));
    }

    @Test
    void telegramTestChecksTheWebhookTheGroupTheBotsRightsAndNamesTheAdmins() {
        String printed = telegramTest(TelegramCheck.OK, out -> TelegramCheck.run(Optional.of(FakeBotApi.TOKEN),
                Optional.of(String.valueOf(GROUP)), fake.url(), false, List.of(), out));
        assertThat(printed, containsString("OK: getWebhookInfo: no webhook"));
        assertThat(printed, containsString("OK: getChatMember: the bot is administrator"));
        assertThat(printed, containsString("Admins who may answer: " + FakeBotApi.OWNER + ", " + FakeBotApi.OTHER_ADMIN));
        assertThat(printed, not(containsString(String.valueOf(FakeBotApi.MEMBER))));

        fake.webhook("https://example.com/hook");
        printed = telegramTest(TelegramCheck.TELEGRAM_SAID_NO, out -> TelegramCheck.run(Optional.of(FakeBotApi.TOKEN),
                Optional.of(String.valueOf(FakeBotApi.FORUM)), fake.url(), true, List.of(), out));
        assertThat(printed, containsString("FAIL: getWebhookInfo: a webhook is set (https://example.com/hook)"));
        assertThat(printed, containsString("OK: getChat: a forum"));
        assertThat(printed, containsString("can manage topics"));
    }
}
