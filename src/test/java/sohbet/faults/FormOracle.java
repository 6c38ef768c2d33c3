package sohbet.faults;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What posting a form to a chat should do, worked out independently of the app from the rules it
 * promises (the form reader's contract, README "Limits"): an x-www-form-urlencoded body of at most
 * 64 KiB, strict percent-decoding into valid UTF-8 without NUL (the first of repeated keys wins), a text of 1 to
 * 4,000 characters after trimming, and a client_id of 1 to 64 of [A-Za-z0-9_-] when one is given.
 */
final class FormOracle {
    static final int MAX_FORM = 64 * 1024;
    static final int MAX_TEXT = 4000;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The predicted answer, and what is stored when it is a success: the trimmed text and client id (null when none). */
    record Prediction(int status, String storedBody, String clientId) {
        boolean stores() {
            return storedBody != null;
        }
    }

    private FormOracle() {
    }

    static Prediction predict(String contentType, byte[] body, boolean htmx) {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (!media.equalsIgnoreCase("application/x-www-form-urlencoded")) {
            return new Prediction(415, null, null);
        }
        if (body.length > MAX_FORM) {
            return new Prediction(413, null, null);
        }
        Map<String, String> form;
        try {
            form = parse(body);
        } catch (IllegalArgumentException e) {
            return new Prediction(400, null, null);
        }
        String text = form.getOrDefault("body", "").strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_TEXT) {
            return new Prediction(422, null, null);
        }
        String cid = form.get("client_id");
        if (cid != null && cid.isBlank()) {
            cid = null;
        }
        if (cid != null && !CLIENT_ID.matcher(cid).matches()) {
            return new Prediction(400, null, null);
        }
        return new Prediction(htmx ? 200 : 303, text, cid);
    }

    static Map<String, String> parse(byte[] body) {
        Map<String, String> out = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = -1;
                    for (int j = start; j < i; j++) {
                        if (body[j] == '=') {
                            eq = j;
                            break;
                        }
                    }
                    String key = decode(body, start, eq < 0 ? i : eq);
                    String value = eq < 0 ? "" : decode(body, eq + 1, i);
                    out.putIfAbsent(key, value);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static String decode(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int hi = hex(b[i + 1]);
                int lo = hex(b[i + 2]);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
        if (text.indexOf('\u0000') >= 0) {
            // Valid UTF-8, but no field holds a NUL (and PostgreSQL text cannot store one): refused like bad encoding.
            throw new IllegalArgumentException("NUL");
        }
        return text;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
