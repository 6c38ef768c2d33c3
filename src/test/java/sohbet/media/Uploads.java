package sohbet.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import sohbet.support.Web;

/** Sends uploads and reads media back through a {@link Web} client (its cookies, its language). */
final class Uploads {
    private Uploads() {
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
        HttpRequest.Builder b = HttpRequest.newBuilder(web.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        boolean language = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            language |= headers[i].equalsIgnoreCase("Accept-Language");
        }
        if (!language) {
            b.header("Accept-Language", "tr-TR,tr;q=0.9");
        }
        try {
            return web.http().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> get(Web web, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(web.base().resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return web.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
