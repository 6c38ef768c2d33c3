package sohbet.core;

import java.util.regex.Pattern;

/**
 * The one rule for user text that ends up in plain text: a transcript, a Telegram message, a list
 * row. A name or caption must stay on its own line and read in its own order, so line breaks of
 * every kind (control characters, U+2028/U+2029) become spaces and format characters (bidi
 * overrides and isolates, zero-width spaces, BOM) are removed. Zero-width (non-)joiners stay: they
 * shape emoji and scripts, and move nothing.
 */
public final class PlainText {
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");
    private static final Pattern FORMAT = Pattern.compile("[\\p{Cf}&&[^\\u200C\\u200D]]+");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\n\\r\\u000B\\u000C\\u0085\\u2028\\u2029]");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private PlainText() {
    }

    /** {@code text} as one line: no breaks, no reordering; runs of spaces become one; never null. */
    public static String line(String text) {
        if (text == null) {
            return "";
        }
        String noFormat = FORMAT.matcher(text).replaceAll("");
        return SPACES.matcher(BREAKS.matcher(noFormat).replaceAll(" ")).replaceAll(" ").strip();
    }

    /** Multi-line {@code text} with only {@code \n} between its lines, each line cleaned by {@link #line}. */
    public static String lines(String text) {
        if (text == null) {
            return "";
        }
        String[] parts = LINE_BREAK.split(text, -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(line(parts[i]));
        }
        return out.toString();
    }
}
