package sohbet.telegram;

import java.util.ArrayList;
import java.util.List;

import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.core.PlainText;

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
    static final int CAPTION_LIMIT = 1024;
    // The same idea for a media caption: whether it overflows depends on the caption alone, never on the name.
    static final int CAPTION_BODY_LIMIT = CAPTION_LIMIT - 200;

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

    /**
     * Everything that carries {@code m}, in sending order: text parts, or the file (caption = header,
     * caption, tag) followed by text parts for a caption that does not fit Telegram's 1024.
     */
    static List<ForwardPiece> pieces(ChatThread thread, Message m) {
        if (m.kind() == Message.Kind.TEXT || m.mediaRef() == null || m.mediaRef().isBlank()) {
            return parts(thread, m).stream().<ForwardPiece>map(ForwardPiece.Text::new).toList();
        }
        String caption = m.body() == null ? "" : m.body().strip();
        List<String> bodies = new ArrayList<>();
        if (caption.length() <= CAPTION_BODY_LIMIT) {
            bodies.add(caption);
        } else {
            String first = MessageChunks.split(caption, CAPTION_BODY_LIMIT).getFirst();
            bodies.add(first);
            bodies.addAll(MessageChunks.split(caption.substring(first.length()).strip(), BODY_LIMIT));
        }
        String name = displayName(thread.visitorName());
        String tagLine = "\n#" + thread.tag();
        List<ForwardPiece> out = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            String header = "💬 " + name + (bodies.size() > 1 ? " (" + (i + 1) + "/" + bodies.size() + ")" : "");
            String body = bodies.get(i);
            if (i == 0) {
                String text = header + (body.isEmpty() ? "" : "\n" + body) + tagLine;
                String fallback = header + "\n" + placeholder(m.kind()) + (body.isEmpty() ? "" : " " + body) + tagLine;
                out.add(new ForwardPiece.Media(ForwardPiece.Upload.forMime(m.mime()), text, fallback, fileName(m)));
            } else {
                out.add(new ForwardPiece.Text(header + "\n" + body + tagLine));
            }
        }
        return out;
    }

    private static String fileName(Message m) {
        String ext = sohbet.media.FileType.ofMime(m.mime()).map(sohbet.media.FileType::extension).orElse("bin");
        return "sohbet-" + m.id() + "." + ext;
    }

    private static String placeholder(Message.Kind kind) {
        return switch (kind) {
            case TEXT -> "";
            case IMAGE -> "[fotoğraf]";
            case AUDIO -> "[ses kaydı]";
            case FILE -> "[dosya]";
        };
    }

    private static String body(Message m) {
        String text = m.body() == null ? "" : m.body().strip();
        String placeholder = m.kind() == Message.Kind.TEXT ? null : placeholder(m.kind());
        if (placeholder == null) {
            return text.isEmpty() ? "(boş mesaj)" : text;
        }
        return text.isEmpty() ? placeholder : placeholder + " " + text;
    }

    /** One line, at most the name limit: a name is a header, not a place for extra lines. */
    static String displayName(String name) {
        String oneLine = PlainText.line(name);
        if (oneLine.isEmpty()) {
            return "Ziyaretçi";
        }
        if (oneLine.codePointCount(0, oneLine.length()) <= ChatService.MAX_NAME) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, ChatService.MAX_NAME));
    }
}
