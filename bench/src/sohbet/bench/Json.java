package sohbet.bench;

import java.util.List;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as JSON; enough for the bench's result files. */
final class Json {
    private Json() {
    }

    static String write(Object o) {
        StringBuilder sb = new StringBuilder();
        write(sb, o, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object o, int indent) {
        switch (o) {
            case null -> sb.append("null");
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                int i = 0;
                for (var e : m.entrySet()) {
                    pad(sb, indent + 2);
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), indent + 2);
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                pad(sb, indent);
                sb.append('}');
            }
            case List<?> l -> {
                boolean flat = l.stream().allMatch(x -> x instanceof Number || x instanceof String s && s.length() < 40);
                if (flat) {
                    sb.append('[');
                    for (int i = 0; i < l.size(); i++) {
                        write(sb, l.get(i), indent);
                        if (i + 1 < l.size()) {
                            sb.append(", ");
                        }
                    }
                    sb.append(']');
                    return;
                }
                sb.append("[\n");
                for (int i = 0; i < l.size(); i++) {
                    pad(sb, indent + 2);
                    write(sb, l.get(i), indent + 2);
                    sb.append(i + 1 < l.size() ? ",\n" : "\n");
                }
                pad(sb, indent);
                sb.append(']');
            }
            case Double d -> sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(java.util.Locale.ROOT, "%.3f", d));
            case Float f -> write(sb, f.doubleValue(), indent);
            case Number n -> sb.append(n);
            case Boolean b -> sb.append(b);
            default -> string(sb, o.toString());
        }
    }

    /** Reads what {@link #write} wrote (objects, arrays, strings, numbers as Double/Long, booleans, null). */
    static Object parse(String text) {
        int[] at = {0};
        Object v = value(text, at);
        return v;
    }

    private static Object value(String s, int[] at) {
        skip(s, at);
        char c = s.charAt(at[0]);
        switch (c) {
            case '{' -> {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                at[0]++;
                skip(s, at);
                if (s.charAt(at[0]) == '}') {
                    at[0]++;
                    return m;
                }
                while (true) {
                    skip(s, at);
                    String k = (String) value(s, at);
                    skip(s, at);
                    at[0]++;   // ':'
                    m.put(k, value(s, at));
                    skip(s, at);
                    if (s.charAt(at[0]++) == '}') {
                        return m;
                    }
                }
            }
            case '[' -> {
                java.util.List<Object> l = new java.util.ArrayList<>();
                at[0]++;
                skip(s, at);
                if (s.charAt(at[0]) == ']') {
                    at[0]++;
                    return l;
                }
                while (true) {
                    l.add(value(s, at));
                    skip(s, at);
                    if (s.charAt(at[0]++) == ']') {
                        return l;
                    }
                }
            }
            case '"' -> {
                StringBuilder sb = new StringBuilder();
                at[0]++;
                while (true) {
                    char ch = s.charAt(at[0]++);
                    if (ch == '"') {
                        return sb.toString();
                    }
                    if (ch == '\\') {
                        char e = s.charAt(at[0]++);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 'r' -> sb.append('\r');
                            case 't' -> sb.append('\t');
                            case 'u' -> {
                                sb.append((char) Integer.parseInt(s.substring(at[0], at[0] + 4), 16));
                                at[0] += 4;
                            }
                            default -> sb.append(e);
                        }
                    } else {
                        sb.append(ch);
                    }
                }
            }
            default -> {
                int start = at[0];
                while (at[0] < s.length() && ",}] \n\r\t".indexOf(s.charAt(at[0])) < 0) {
                    at[0]++;
                }
                String tok = s.substring(start, at[0]);
                return switch (tok) {
                    case "null" -> null;
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> tok.contains(".") || tok.contains("e") || tok.contains("E") ? (Object) Double.parseDouble(tok) : (Object) Long.parseLong(tok);
                };
            }
        }
    }

    private static void skip(String s, int[] at) {
        while (at[0] < s.length() && Character.isWhitespace(s.charAt(at[0]))) {
            at[0]++;
        }
    }

    private static void pad(StringBuilder sb, int n) {
        sb.append(" ".repeat(n));
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
