package sohbet.web;

import sohbet.core.BadRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.helidon.webserver.http.ServerRequest;

/**
 * Reads {@code application/x-www-form-urlencoded} bodies strictly: bounded in size, and invalid
 * UTF-8 is refused rather than silently turned into replacement characters.
 */
public final class Forms {
    private Forms() {
    }

    public static Map<String, String> read(ServerRequest req, int maxBytes) {
        String type = req.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (!type.equalsIgnoreCase("application/x-www-form-urlencoded")) {
            throw new BadRequest("error.badForm", 415);
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = readAtMost(in, maxBytes);
        } catch (BadRequest e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // A body cut short or badly chunked is the client's fault: say so, never 500.
            throw new BadRequest("error.badForm", 400);
        }
        return parse(body);
    }

    static byte[] readAtMost(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > maxBytes) {
                throw new BadRequest("error.formTooLarge", 413);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    public static Map<String, String> parse(byte[] body) {
        Map<String, String> out = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = indexOf(body, (byte) '=', start, i);
                    String key = decode(body, start, eq < 0 ? i : eq);
                    String value = eq < 0 ? "" : decode(body, eq + 1, i);
                    out.putIfAbsent(key, value);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw new BadRequest("error.badForm", 400);
                }
                int hi = Character.digit(b[i + 1], 16);
                int lo = Character.digit(b[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new BadRequest("error.badForm", 400);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return fieldText(out.toByteArray());
    }

    /**
     * A field's bytes as text: strict UTF-8, and no NUL (no field of ours can hold one, and PostgreSQL
     * text cannot store one). Anything else is a 400, for url-encoded forms and upload fields alike.
     */
    public static String fieldText(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("error.badEncoding", 400);
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new BadRequest("error.badEncoding", 400);
        }
        return text;
    }
}
