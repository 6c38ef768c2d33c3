package sohbet.media;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the header lines of one multipart part say: its field name (required), its file name (a
 * quoted one may hold ';' or '\"'; RFC 5987 {@code filename*} wins) and its Content-Type. Also reads
 * the boundary from the request's Content-Type. A line that is not a header is malformed.
 */
final class PartHeaders {
    private static final int MAX_BOUNDARY = 200;

    private String name;
    private String filename;
    private String type;

    /** The boundary parameter of a multipart/form-data content type, or null when it is not one. */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] params = contentType.split(";");
        if (!params[0].strip().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
            return null;
        }
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
                String value = p.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() || value.length() > MAX_BOUNDARY ? null : value;
            }
        }
        return null;
    }

    /** Takes one header line of the part; unknown headers are ignored. */
    void add(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw Multipart.malformed();
        }
        String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        if (header.equals("content-disposition")) {
            disposition(value);
        } else if (header.equals("content-type")) {
            type = value;
        }
    }

    /** The part these lines describe; a part without a field name is malformed. */
    Multipart.Part part() {
        if (name == null) {
            throw Multipart.malformed();
        }
        return new Multipart.Part(name, filename, type);
    }

    private void disposition(String value) {
        String[] params = splitParams(value);
        if (!params[0].strip().equalsIgnoreCase("form-data")) {
            throw Multipart.malformed();
        }
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = unquote(p.substring(eq + 1).strip());
            switch (key) {
                case "name" -> name = v;
                case "filename" -> filename = filename == null ? v : filename;
                case "filename*" -> filename = extended(v);
                default -> {
                }
            }
        }
    }

    private static String[] splitParams(String value) {
        // Split on ';' outside quotes (a quoted file name may contain one).
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                cur.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == ';' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    /** RFC 5987 {@code UTF-8''name%20here}; anything else is ignored. */
    private static String extended(String v) {
        int q = v.indexOf("''");
        if (q < 0 || !v.substring(0, q).equalsIgnoreCase("utf-8")) {
            return null;
        }
        try {
            return URLDecoder.decode(v.substring(q + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
