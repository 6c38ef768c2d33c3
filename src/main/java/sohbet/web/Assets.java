package sohbet.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Static files (our CSS and icons, and htmx from its webjar), loaded once, gzipped once, and served
 * under {@code /assets/} with a content hash in the URL so phones cache them for a year.
 */
public final class Assets {
    public static final String PREFIX = "/assets/";

    private record Asset(byte[] plain, byte[] gzip, String type, String hash) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    public static Assets standard() {
        Assets a = new Assets();
        a.add("htmx.min.js", "META-INF/resources/webjars/htmx.org/2.0.10/dist/htmx.min.js");
        a.add("sse.js", "META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js");
        a.add("app.css", "static/app.css");
        a.add("admin.js", "static/admin.js");
        a.add("compose.js", "static/compose.js");
        a.add("noscript.css", "static/noscript.css");
        a.add("icon.svg", "static/icon.svg");
        a.add("embed.js", "static/embed.js");
        a.add("frame.js", "static/frame.js");
        return a;
    }

    /** The size of an asset as served gzipped, in bytes. */
    public int gzippedSize(String name) {
        return assets.get(name).gzip().length;
    }

    private void add(String name, String resource) {
        byte[] bytes;
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing asset on the classpath: " + resource);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read asset " + resource, e);
        }
        assets.put(name, new Asset(bytes, gzip(bytes), typeOf(name), sha(bytes)));
    }

    /** The cache-busting URL of an asset, for templates. */
    public String url(String name) {
        Asset a = assets.get(name);
        if (a == null) {
            throw new IllegalArgumentException("Unknown asset " + name);
        }
        return PREFIX + name + "?v=" + a.hash();
    }

    public void register(HttpRules rules) {
        rules.get(PREFIX + "{name}", (req, res) -> serve(req.path().pathParameters().get("name"), req, res));
        // Browsers ask for /favicon.ico on pages without an icon link (JSON answers, say): the same icon, not a 404.
        rules.get("/favicon.ico", (req, res) -> serve("icon.svg", req, res));
    }

    /**
     * Serves one asset at an address of its own (embed.js, whose address site owners paste once and
     * never change): without the version in the URL it is revalidated by ETag, like any unversioned asset.
     */
    public void serve(String name, ServerRequest req, ServerResponse res) {
        Asset a = assets.get(name);
        if (a == null) {
            res.status(Status.NOT_FOUND_404).send("Not found");
            return;
        }
        String etag = "\"" + a.hash() + "\"";
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.VARY, "Accept-Encoding");
        boolean versioned = req.query().first("v").map(a.hash()::equals).orElse(false);
        res.header(HeaderNames.CACHE_CONTROL, versioned ? "public, max-age=31536000, immutable" : "no-cache");
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(etag::equals).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, a.type());
        boolean gzip = req.headers().first(HeaderNames.ACCEPT_ENCODING).map(v -> v.contains("gzip")).orElse(false);
        if (gzip) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(a.gzip());
        } else {
            res.send(a.plain());
        }
    }

    private static String typeOf(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(9);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
