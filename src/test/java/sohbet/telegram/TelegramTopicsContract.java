package sohbet.telegram;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.live.Subscriber;
import sohbet.store.TelegramTopicStore;
import sohbet.support.Eventually;
import sohbet.support.FakeBotApi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Forum mode ({@code TELEGRAM_TOPICS=true}, the admin chat a forum supergroup): a topic per thread,
 * created on the thread's first forward, re-created once when Telegram says it is gone; whatever the
 * admin writes in a topic goes to that topic's thread. Runs once per database.
 */
abstract class TelegramTopicsContract extends BridgeHarness {
    static final long FORUM = FakeBotApi.FORUM;

    @BeforeEach
    void forumMode() {
        restartApp(Map.of("TELEGRAM_TOPICS", "true", "TELEGRAM_CHAT_ID", String.valueOf(FORUM)));
    }

    TelegramTopicStore topics() {
        return new TelegramTopicStore(app.database());
    }

    @Test
    void aThreadsFirstMessageCreatesItsTopicAndGoesIntoIt() {
        ChatThread thread = app.chat().startThread("test", null);
        visitorSays(thread, "Merhaba");

        Eventually.until("the forward", WAIT, () -> fake.delivered().size() == 1);
        List<FakeBotApi.Call> created = fake.calls("createForumTopic");
        assertThat(created, hasSize(1));
        assertThat(created.getFirst().chatId(), is(String.valueOf(FORUM)));
        assertThat(created.getFirst().params().path("name").asText(), is(thread.visitorName() + " · T" + thread.id()));
        FakeBotApi.Call sent = fake.delivered().getFirst();
        assertThat(sent.chatId(), is(String.valueOf(FORUM)));
        assertThat(sent.messageThreadId(), is(315L));
        assertThat(sent.text(), is("💬 " + thread.visitorName() + "\nMerhaba\n#T" + thread.id()));
        assertThat(topics().forThread(thread.id()), is(Optional.of(new TelegramTopicStore.Topic(thread.id(), FORUM, 315))));
    }

    @Test
    void laterMessagesReuseTheTopicAndAnotherThreadGetsItsOwn() {
        ChatThread a = app.chat().startThread("a", null);
        ChatThread b = app.chat().startThread("b", null);
        visitorSays(a, "a1");
        Eventually.until("the first forward", WAIT, () -> fake.delivered().size() == 1);
        visitorSays(a, "a2");
        visitorSays(b, "b1");

        awaitDrained();
        assertThat(fake.calls("createForumTopic"), hasSize(2));
        List<FakeBotApi.Call> sent = fake.delivered();
        assertThat(bodies(sent), is(List.of("a1", "a2", "b1")));
        assertThat(sent.stream().map(FakeBotApi.Call::messageThreadId).toList(), is(List.of(315L, 315L, 316L)));
    }

    @Test
    void aDeletedTopicIsCreatedAgainAndTheMessageSentOnce() {
        ChatThread thread = app.chat().startThread("test", null);
        visitorSays(thread, "önce");
        Eventually.until("the first forward", WAIT, () -> fake.delivered().size() == 1);

        fake.deleteTopic(315);
        Message m = visitorSays(thread, "sonra");

        awaitSent(m);
        List<FakeBotApi.Call> attempts = fake.calls("sendMessage");
        assertThat(attempts.stream().map(FakeBotApi.Call::status).toList(), is(List.of(200, 400, 200)));
        assertThat(attempts.get(1).messageThreadId(), is(315L));
        assertThat(fake.calls("createForumTopic"), hasSize(2));
        assertThat(bodies(fake.delivered()), is(List.of("önce", "sonra")));
        assertThat(fake.delivered().get(1).messageThreadId(), is(316L));
        assertThat(topics().forThread(thread.id()).orElseThrow().messageThreadId(), is(316L));
        assertThat("no error left behind", outbox().byMessageId(m.id()).orElseThrow().lastError(), nullValue());
    }

    @Test
    void whatTheAdminWritesInATopicReachesThatThreadsVisitor() throws InterruptedException {
        ChatThread thread = app.chat().startThread("test", null);
        ChatThread other = app.chat().startThread("other", null);
        visitorSays(thread, "Merhaba, siparişim ne zaman gelir?");
        Eventually.until("topic 315 for the thread", WAIT, () -> fake.delivered().size() == 1);
        visitorSays(other, "Ben de bekliyorum");
        Eventually.until("topic 316 for the other thread", WAIT, () -> fake.delivered().size() == 2);
        Subscriber visitorStream = app.hub().subscribeVisitor(thread.id());
        Subscriber otherStream = app.hub().subscribeVisitor(other.id());

        // Written in topic 315 without pressing "Reply" (only the implicit reply to the topic's creation).
        fake.queueUpdates("getUpdates-topic-message.json");

        Message reply = awaitAdminMessage(visitorStream);
        assertThat(reply.threadId(), is(thread.id()));
        assertThat(reply.body(), is("Merhaba Ayşe Hanım, hemen bakıyorum."));
        assertThat(reply.channel(), is(Message.Channel.TELEGRAM));
        assertThat("no other visitor hears it", newMessages(otherStream), is(0));
        Eventually.until("the update confirmed", WAIT, () -> fake.confirmed(731402110L));
        assertThat("no help text: a message in a topic needs no reply", fake.delivered(), hasSize(2));
    }

    @Test
    void aMessageInTheGeneralTopicBehavesAsBefore() {
        fake.queueUpdates("getUpdates-topic-message.json", u -> {
            ObjectNode message = (ObjectNode) u.get("message");
            message.remove("message_thread_id");
            message.remove("is_topic_message");
            message.remove("reply_to_message");
        });

        Eventually.until("the help text", WAIT, () -> fake.delivered().size() == 1);
        FakeBotApi.Call help = fake.delivered().getFirst();
        assertThat(help.text(), is(BotTexts.NOT_A_REPLY));
        assertThat(help.messageThreadId(), nullValue());
        assertThat(fake.calls("createForumTopic"), hasSize(0));
    }
}
