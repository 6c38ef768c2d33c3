package sohbet.bench.tuned;

import java.time.Clock;

import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;

/**
 * An experiment, not the app: mounts the app's routes ({@link Sohbet#routing}) on a plain WebServer
 * with per-connection settings taken from system properties (without the app's stall timer,
 * direct handlers and background work: compare tuned runs with tuned runs), so the bench can
 * measure a server-side change (before/after) without editing the app. Used by
 * {@code bash bench/run.sh --tuned useNio=false,writeBufferSize=512,queue=32}.
 *
 * <ul>
 *   <li>{@code sohbet.tune.useNio} (Helidon default true): false reads and writes through the
 *       socket's streams instead of two 8 KB heap ByteBuffers per connection ({@code NioSocket}).</li>
 *   <li>{@code sohbet.tune.writeBufferSize} (Helidon default 4096): the response's BufferedOutputStream.</li>
 *   <li>{@code sohbet.tune.tcpNoDelay} (Helidon default false): true turns Nagle's algorithm off on
 *       accepted sockets, so a small write (an SSE event, the rest of an answer) is not held back
 *       until the client's delayed ACK.</li>
 *   <li>{@code sohbet.tune.queue} (app default 256): each stream's event queue capacity
 *       (an ArrayBlockingQueue allocates all of it up front).</li>
 * </ul>
 */
public final class TunedMain {
    private TunedMain() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        AppConfig config = AppConfig.load();
        Sohbet.Timing d = Sohbet.Timing.defaults();
        int queue = Integer.getInteger("sohbet.tune.queue", d.queueCapacity());
        Sohbet app = new Sohbet(config, Clock.systemUTC(),
                new Sohbet.Timing(d.heartbeat(), d.presenceGrace(), queue, d.clusterHeartbeat()));
        // The port and payload limit of Sohbet.start(), then the experiment's settings.
        var builder = WebServer.builder().port(config.port()).host("0.0.0.0")
                .maxPayloadSize((2L * config.media().maxUploadMb() + 1) * 1024 * 1024)
                .routing(app::routing);
        String nio = System.getProperty("sohbet.tune.useNio");
        if (nio != null) {
            builder.useNio(Boolean.parseBoolean(nio));
        }
        Integer wbs = Integer.getInteger("sohbet.tune.writeBufferSize");
        if (wbs != null) {
            builder.writeBufferSize(wbs);
        }
        String noDelay = System.getProperty("sohbet.tune.tcpNoDelay");
        if (noDelay != null) {
            builder.connectionOptions(o -> o.tcpNoDelay(Boolean.parseBoolean(noDelay)));
        }
        WebServer server = builder.build().start();
        System.out.println("TunedMain listening on " + server.port() + " useNio=" + nio + " writeBufferSize=" + wbs + " tcpNoDelay=" + noDelay + " queue=" + queue
                + " heartbeat=" + d.heartbeat().toSeconds() + "s");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            app.close();
        }, "shutdown"));
    }
}
