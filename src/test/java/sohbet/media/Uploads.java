package sohbet.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import sohbet.support.Web;

/**
 * Sends uploads and reads media back through a {@link Web} client (its cookies; Turkish unless the
 * headers name a language), and looks at what an app's UPLOAD_DIR holds. {@link Web} posts only
 * url-encoded forms and reads text, hence these few requests of its own.
 */
final class Uploads {
    private Uploads() {
    }

    /** A sample from src/test/resources/media posted to /uploads, with form fields as name, value pairs. */
    static HttpResponse<String> sample(Web web, String name, String... fields) {
        return upload(web, "/uploads", Web.form(fields), name, Fixtures.bytes(name));
    }

    /** The same as htmx sends it. */
    static HttpResponse<String> htmxSample(Web web, String name, Map<String, String> fields) {
        return upload(web, "/uploads", fields, name, Fixtures.bytes(name), "HX-Request", "true");
    }

    /** A browser-like multipart post: the hidden fields first, then the file, then the caption. */
    static HttpResponse<String> upload(Web web, String path, Map<String, String> fields, String filename, byte[] data, String... headers) {
        String boundary = "----sohbetTest" + UUID.randomUUID().toString().replace("-", "");
        MultipartBodies body = MultipartBodies.of(boundary);
        fields.forEach((k, v) -> {
            if (!k.equals("caption")) {
                body.field(k, v);
            }
        });
        body.file("file", filename, "application/octet-stream", data);
        if (fields.containsKey("caption")) {
            body.field("caption", fields.get("caption"));
        }
        return post(web, path, "multipart/form-data; boundary=" + boundary, body.build(), headers);
    }

    static HttpResponse<String> post(Web web, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(web.base().resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(web, b, headers, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> get(Web web, String path, String... headers) {
        return send(web, HttpRequest.newBuilder(web.base().resolve(path)).GET(), headers, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Stored files (originals and previews), not the spool folder. */
    static List<Path> stored(Path uploads) {
        if (!Files.exists(uploads)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(uploads)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.startsWith(uploads.resolve("tmp"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when no upload is left half-received in the spool folder. */
    static boolean spoolEmpty(Path uploads) {
        try (Stream<Path> files = Files.list(uploads.resolve("tmp"))) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> HttpResponse<T> send(Web web, HttpRequest.Builder b, String[] headers, HttpResponse.BodyHandler<T> body) {
        b.timeout(Duration.ofSeconds(30));
        boolean language = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            language |= headers[i].equalsIgnoreCase("Accept-Language");
        }
        if (!language) {
            b.header("Accept-Language", "tr-TR,tr;q=0.9");
        }
        try {
            return web.http().send(b.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
