package sohbet.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Predicate;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * GET /metrics in Prometheus text format, never public by accident: it answers a signed-in admin,
 * or a scraper sending {@code Authorization: Bearer <METRICS_TOKEN>} when that token is set.
 * Anyone else gets 404, as if there were nothing here.
 */
public final class MetricsRoute {
    public static final String PATH = "/metrics";

    private final Metrics metrics;
    private final Optional<String> token;
    private final Predicate<ServerRequest> signedInAdmin;

    public MetricsRoute(Metrics metrics, Optional<String> token, Predicate<ServerRequest> signedInAdmin) {
        this.metrics = metrics;
        this.token = token;
        this.signedInAdmin = signedInAdmin;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get(PATH, this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        if (!bearerMatches(req) && !signedInAdmin.test(req)) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(metrics.scrape());
    }

    private boolean bearerMatches(ServerRequest req) {
        if (token.isEmpty()) {
            return false;
        }
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> MessageDigest.isEqual(h.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                        token.get().getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
