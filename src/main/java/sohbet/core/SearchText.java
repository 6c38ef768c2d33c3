package sohbet.core;

import java.util.Locale;

/**
 * The form of text that search compares: Turkish lower case (İ→i, I→ı), then dotless ı folded to i,
 * so "ISTANBUL", "İstanbul" and "istanbul" meet. Computed in Java because SQLite's lower() knows
 * only ASCII.
 */
public final class SearchText {
    private static final Locale TURKISH = Locale.forLanguageTag("tr");

    private SearchText() {
    }

    public static String of(String s) {
        return s == null ? null : s.toLowerCase(TURKISH).replace('ı', 'i');
    }

    /** A LIKE pattern matching {@code query} anywhere, with LIKE's own wildcards escaped by '\'. */
    public static String containsPattern(String query) {
        String q = of(query.strip());
        return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
