package sohbet.media;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import sohbet.support.TestDatabase;

@ServerTest
class MediaRoutesSqliteTest extends MediaRoutesContract {
    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        setUp(routing, TestDatabase.Kind.SQLITE);
    }
}
