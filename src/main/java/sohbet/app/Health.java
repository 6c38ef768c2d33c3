package sohbet.app;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.live.LiveHub;
import sohbet.store.Database;

/** {@code GET /health}: 200 while the database answers, 503 when it does not; says whether the bot runs. */
final class Health {
    private final Database db;
    private final LiveHub hub;
    private final java.util.function.Supplier<sohbet.telegram.TelegramBridge.Status> botState;

    Health(Database db, LiveHub hub, java.util.function.Supplier<sohbet.telegram.TelegramBridge.Status> botState) {
        this.db = db;
        this.hub = hub;
        this.botState = botState;
    }

    void handle(ServerRequest req, ServerResponse res) {
        boolean up = db.isUp();
        sohbet.telegram.TelegramBridge.Status bot = botState.get();
        String json = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"database\":\"" + (up ? "UP" : "DOWN")
                + "\",\"dialect\":\"" + db.dialect().name().toLowerCase() + "\",\"bot\":\"" + bot.state()
                + (bot.reason() == null ? "" : "\",\"botReason\":\"" + new String(
                        com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(bot.reason())))
                + "\",\"streams\":" + hub.subscriberCount() + "}";
        res.status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(json);
    }
}
