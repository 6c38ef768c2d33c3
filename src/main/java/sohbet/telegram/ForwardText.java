package sohbet.telegram;

import java.util.ArrayList;
import java.util.List;

import sohbet.chat.ChatService;
import sohbet.chat.ChatThread;
import sohbet.chat.Message;

/**
 * How a visitor message reads in the admin's chat, as the original system wrote it:
 * {@code 💬 name} / the text / {@code #T42}. Always plain text (no parse_mode), so a visitor's
 * {@code *_<[} can never make Telegram refuse the send.
 */
final class ForwardText {
    static final int TELEGRAM_LIMIT = 4096;
    // The body is split without looking at the name, so a rename between retries cannot shift the
    // parts already delivered; this leaves room for the longest header, part counter and tag line.
    static final int BODY_LIMIT = TELEGRAM_LIMIT - 200;

    private ForwardText() {
    }

    /** The Telegram messages that carry {@code m}; every part repeats header and tag, so replying to any part works. */
    static List<String> parts(ChatThread thread, Message m) {
        List<String> bodies = MessageChunks.split(body(m), BODY_LIMIT);
        String name = displayName(thread.visitorName());
        List<String> out = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            String counter = bodies.size() > 1 ? " (" + (i + 1) + "/" + bodies.size() + ")" : "";
            out.add("💬 " + name + counter + "\n" + bodies.get(i) + "\n#" + thread.tag());
        }
        return out;
    }

    private static String body(Message m) {
        String text = m.body() == null ? "" : m.body().strip();
        String placeholder = switch (m.kind()) {
            case TEXT -> null;
            case IMAGE -> "[fotoğraf]";
            case AUDIO -> "[ses kaydı]";
            case FILE -> "[dosya]";
        };
        if (placeholder == null) {
            return text.isEmpty() ? "(boş mesaj)" : text;
        }
        return text.isEmpty() ? placeholder : placeholder + " " + text;
    }

    /** One line, at most the name limit: a name is a header, not a place for extra lines. */
    private static String displayName(String name) {
        String oneLine = (name == null ? "" : name).replaceAll("\\p{Cntrl}", " ").strip();
        if (oneLine.isEmpty()) {
            return "Ziyaretçi";
        }
        if (oneLine.codePointCount(0, oneLine.length()) <= ChatService.MAX_NAME) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, ChatService.MAX_NAME));
    }
}
