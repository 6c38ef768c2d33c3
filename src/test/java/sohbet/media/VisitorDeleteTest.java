package sohbet.media;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sohbet.app.Sohbet;
import sohbet.support.TestApp;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sohbet.support.Expect.hasAll;
import static sohbet.support.Web.form;

/**
 * A visitor deletes their own conversation from the chat page's footer: a confirmation page, then
 * a plain form post (no script needed). Messages and the files of its photos go; the footer links
 * the PRIVACY_URL note.
 */
class VisitorDeleteTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void aVisitorDeletesTheirConversationWithItsFilesAfterConfirming(TestDatabase.Kind kind) throws IOException {
        try (TestApp setup = new TestApp(kind, "PRIVACY_URL", "https://example.com/gizlilik")) {
            Path uploads = Path.of(setup.env.get("UPLOAD_DIR"));
            Sohbet app = setup.start(Clock.systemUTC(), new Sohbet.Timing(Duration.ofSeconds(2), Duration.ofMillis(200), 16));
            Web visitor = new Web(TestApp.uri(app));
            assertThat(visitor.get("/").body(), hasAll("href=\"/delete\"", "href=\"https://example.com/gizlilik\""));
            assertEquals(303, visitor.post("/messages", form("body", "silinecek mesaj", "client_id", "d-1")).statusCode());
            HttpResponse<String> photo = Uploads.sample(visitor, "small.png", "client_id", "d-2");
            assertTrue(photo.statusCode() == 303 || photo.statusCode() == 200, "upload: " + photo.statusCode());
            long thread = visitor.threadId();
            assertEquals(2, app.chat().history(thread).size());
            assertFalse(Uploads.stored(uploads).isEmpty(), "the photo is on disk");

            HttpResponse<String> ask = visitor.get("/delete");
            assertEquals(200, ask.statusCode());
            assertThat(ask.body(), containsString("<form method=\"post\" action=\"/delete\">"));
            assertEquals(400, visitor.post("/delete", form()).statusCode(), "not without the confirmation");
            assertEquals(2, app.chat().history(thread).size(), "nothing deleted yet");

            HttpResponse<String> done = visitor.post("/delete", form("confirm", "yes"));
            assertEquals(200, done.statusCode());
            assertThat(done.body(), containsString("Sohbetiniz silindi."));
            assertTrue(app.chat().thread(thread).isEmpty(), "the conversation is gone");
            assertEquals(List.of(), Uploads.stored(uploads), "its files are gone");

            assertThat(visitor.get("/delete").body(), containsString("Silinecek bir sohbet yok."));
            String fresh = visitor.get("/").body();
            assertThat("a new visit starts a new, empty chat", fresh, not(containsString("silinecek mesaj")));
        }
    }
}
