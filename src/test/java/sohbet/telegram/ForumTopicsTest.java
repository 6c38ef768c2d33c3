package sohbet.telegram;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import sohbet.core.ChatThread;
import sohbet.support.FakeBotApi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pure parts of forum mode: topic names and recognising Telegram's "topic is gone" answer. */
class ForumTopicsTest {

    private static ChatThread thread(long id, String name) {
        Instant t = Instant.EPOCH;
        return new ChatThread(id, name, t, t, t, true, 0, null, null, null);
    }

    @Test
    void aTopicIsNamedAfterTheVisitorAndTheThreadTag() {
        assertThat(ForumTopics.name(thread(42, "Ziyaretçi 1234")), is("Ziyaretçi 1234 · T42"));
        assertThat(ForumTopics.name(thread(7, "  ")), is("Ziyaretçi · T7"));
        assertThat(ForumTopics.name(thread(7, "Ayşe\nHanım")), is("Ayşe Hanım · T7"));
    }

    @Test
    void aLongNameIsCutToTelegramsLimitKeepingTheTag() {
        String name = ForumTopics.name(thread(123456, "😀".repeat(200)));
        assertThat(name.length(), lessThanOrEqualTo(128));
        assertThat(name.endsWith(" · T123456"), is(true));
        assertThat("no half of a surrogate pair", Character.isHighSurrogate(name.charAt(name.indexOf(" · ") - 1)), is(false));
    }

    @Test
    void threadNotFoundIsRecognisedFromTelegramsAnswerOnly() {
        TelegramApiException gone = assertThrows(TelegramApiException.class,
                () -> new SendMessage("1", "x").deserializeResponse(FakeBotApi.read("error-400-thread-not-found.json")));
        TelegramApiException otherBadRequest = assertThrows(TelegramApiException.class,
                () -> new SendMessage("1", "x").deserializeResponse(FakeBotApi.read("error-400-chat-not-found.json")));
        assertThat(ForumTopics.threadNotFound(gone), is(true));
        assertThat(ForumTopics.threadNotFound(otherBadRequest), is(false));
        assertThat(ForumTopics.threadNotFound(new TelegramApiException("message thread not found")), is(false));
    }
}
