package sohbet.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code demo-site}: a stand-in for the owner's website, on another origin than the chat, that embeds
 * it the way an owner would (the one-line script, or the plain iframe), for trying the embedding out.
 * 127.0.0.2 and 127.0.0.1 are different origins (and sites) on one machine.
 */
public final class DemoSite implements AutoCloseable {
    private final HttpServer server;
    private final String host;
    private volatile String chatOrigin = "";

    private DemoSite(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Serves the demo pages on {@code bind} (port 0 picks a free one), embedding the chat at {@code chatOrigin}. */
    public static DemoSite start(InetSocketAddress bind, String chatOrigin) {
        return start(bind).embedding(chatOrigin);
    }

    /** Which chat the pages embed; a site may start first, as the chat must name the site in EMBED_ORIGINS. */
    public DemoSite embedding(String chatOrigin) {
        this.chatOrigin = chatOrigin;
        return this;
    }

    /** Starts serving on {@code bind}; see {@link #embedding}. */
    public static DemoSite start(InetSocketAddress bind) {
        String page;
        try (InputStream in = DemoSite.class.getResourceAsStream("/demo/host.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            HttpServer server = HttpServer.create(bind, 0);
            String template = page;
            DemoSite site = new DemoSite(server, "http://" + bind.getAddress().getHostAddress() + ":" + server.getAddress().getPort());
            server.createContext("/", ex -> {
                String chatOrigin = site.chatOrigin;
                String script = "<script src=\"" + chatOrigin + "/embed.js\" async></script>";
                String path = ex.getRequestURI().getPath();
                if (path.equals("/favicon.ico")) {
                    ex.sendResponseHeaders(204, -1);
                    ex.close();
                    return;
                }
                String body = switch (path) {
                    case "/" -> template.replace("PAGE_TITLE", "Home").replace("BODY", script);
                    case "/pricing" -> template.replace("PAGE_TITLE", "Pricing").replace("BODY",
                            script.replace("async>", "data-position=\"bottom-left\" data-color=\"#0f766e\" async>"));
                    case "/iframe" -> template.replace("PAGE_TITLE", "Iframe").replace("BODY", "<iframe src=\"" + chatOrigin
                            + "/embed\" title=\"Chat\" style=\"width:370px;height:560px;border:1px solid #ccc\"></iframe>");
                    default -> null;
                };
                send(ex, body);
            });
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange ex, String body) throws IOException {
        byte[] bytes = (body == null ? "Not found" : body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body == null ? "text/plain; charset=utf-8" : "text/html; charset=utf-8");
        ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The demo site's own origin, e.g. {@code http://127.0.0.2:5001}. */
    public String origin() {
        return host;
    }

    /** {@code java -jar sohbet.jar demo-site}: serves until the process is stopped. */
    static int run(AppConfig config, PrintStream out) {
        String chat = "http://127.0.0.1:" + config.port();
        DemoSite site = start(new InetSocketAddress("127.0.0.2", 5001), chat);
        out.println("Demo site on " + site.origin() + " embedding the chat at " + chat + ".");
        out.println("The chat lets it frame the chat only when started with EMBED_ORIGINS=" + site.origin() + ".");
        return 0;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
