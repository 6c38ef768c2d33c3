package sohbet.visitor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds web addresses in a message so the page can make them clickable. Only {@code http://} and
 * {@code https://} addresses become links; everything else stays plain text, and the template escapes
 * every piece, so no other part of what a person typed can turn into markup.
 */
public final class Links {
    /** A run of text; {@code link} when it is a web address to show as a link to itself. */
    public record Piece(String text, boolean link) {
    }

    // Stops at spaces, quotes and angle brackets: they never belong to an address typed in a chat.
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'`]+");
    private static final String TRAILING = ".,;:!?'\"»”’";

    private Links() {
    }

    public static List<Piece> pieces(String text) {
        List<Piece> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = URL.matcher(text);
        int at = 0;
        while (m.find()) {
            String url = trim(m.group());
            if (url.length() <= "https://".length() || !hasHost(url)) {
                continue;
            }
            if (m.start() > at) {
                out.add(new Piece(text.substring(at, m.start()), false));
            }
            out.add(new Piece(url, true));
            at = m.start() + url.length();
        }
        if (at < text.length()) {
            out.add(new Piece(text.substring(at), false));
        }
        return out;
    }

    /** Sentence punctuation after an address ("see https://a.example/x." or "(https://a.example)") is not part of it. */
    private static String trim(String url) {
        int end = url.length();
        while (end > 0) {
            char c = url.charAt(end - 1);
            if (TRAILING.indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(url, '(', end) < count(url, ')', end)) {
                end--;
            } else {
                break;
            }
        }
        return url.substring(0, end);
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static boolean hasHost(String url) {
        try {
            String host = java.net.URI.create(url.replace(" ", "%20")).getHost();
            return host != null && !host.isEmpty();
        } catch (IllegalArgumentException e) {
            // not a well-formed address (a stray % or bracket): leave it as text rather than guess
            return false;
        }
    }
}
