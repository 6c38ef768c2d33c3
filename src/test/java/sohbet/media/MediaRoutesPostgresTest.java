package sohbet.media;

import java.net.URI;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import sohbet.support.TestDatabase;

@ServerTest
class MediaRoutesPostgresTest extends MediaRoutesContract {
    MediaRoutesPostgresTest(URI uri) {
        super(uri);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        setUp(routing, TestDatabase.Kind.POSTGRESQL);
    }
}
