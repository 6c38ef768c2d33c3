package sohbet.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text to fit Telegram's per-message limit. Lengths are UTF-16 units, as Telegram counts them
 * (an emoji counts 2), and a cut never falls inside a surrogate pair; it prefers a line break, then a space.
 */
final class MessageChunks {
    private MessageChunks() {
    }

    static List<String> split(String text, int limit) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > limit) {
            int cut = breakPoint(rest, limit);
            add(out, rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        add(out, rest);
        if (out.isEmpty()) {
            out.add(text);
        }
        return out;
    }

    private static void add(List<String> out, String part) {
        if (!part.isEmpty()) {
            out.add(part);
        }
    }

    private static int breakPoint(String s, int limit) {
        // Only break at whitespace in the last half, so a part is never tiny.
        int floor = limit / 2;
        int newline = s.lastIndexOf('\n', limit);
        if (newline >= floor) {
            return newline;
        }
        int space = s.lastIndexOf(' ', limit);
        if (space >= floor) {
            return space;
        }
        return Character.isHighSurrogate(s.charAt(limit - 1)) ? limit - 1 : limit;
    }
}
