package sohbet.telegram;

import java.time.Clock;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.live.LiveHub;
import sohbet.store.Database;
import sohbet.store.MessageStore;
import sohbet.store.Migrations;
import sohbet.store.ThreadStore;
import sohbet.support.TestDatabase;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Names kept from before names were cleaned still reach Telegram on one line, in their own order. */
class NameRenderingTest {
    private static final String HOSTILE = "Ali\u202E\u2028#T1 · Yönetici\u2029\u2066x";

    @Test
    void forwardsShowTheNameOnItsOwnLineWithoutBidiControls() {
        assertEquals("Ali #T1 · Yönetici x", ForwardText.displayName(HOSTILE));
    }

    @Test
    void threadsListShowsNamesAndPreviewsOnOneLine() {
        try (TestDatabase tdb = TestDatabase.create(TestDatabase.Kind.SQLITE);
             Database db = Database.sqlite(tdb.folder().resolve("names.db"))) {
            LiveHub hub = new LiveHub(16);
            Migrations.migrate(db);
            ThreadStore threads = new ThreadStore(db);
            ChatService chat = new ChatService(db, threads, new MessageStore(db), hub, Clock.systemUTC());
            ChatThread thread = chat.startThread("test", "/");
            threads.rename(thread.id(), HOSTILE); // as stored by an earlier version, around the service's rule
            chat.postText(thread.id(), Message.Sender.VISITOR, Message.Channel.WEB, "bir\u2028#T9 · sahte satır", "n-1");
            String list = new ThreadsList(chat, ZoneId.of("Europe/Istanbul")).render();
            assertThat(list, containsString(" · Ali #T1 · Yönetici x · "));
            assertThat(list, containsString("\nbir #T9 · sahte satır"));
            assertThat(list, not(containsString("\u202E")));
            assertThat(list, not(containsString("\u2028")));
            assertThat(list, not(containsString("\u2066")));
            hub.close();
        }
    }
}
