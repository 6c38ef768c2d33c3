package sohbet.telegram;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.core.PlainText;
import sohbet.core.ThreadSummary;
import sohbet.core.ChatService;
import sohbet.core.Threads;

/** The answer to {@code /threads}: open threads, newest first, each with its tag, visitor, time and last message. */
final class ThreadsList {
    private static final int SHOWN = 20;
    private static final int SCANNED = 200;
    private static final int PREVIEW = 80;

    private final ChatService chat;
    private final DateTimeFormatter when;

    ThreadsList(ChatService chat, ZoneId zone) {
        this.chat = chat;
        this.when = DateTimeFormatter.ofPattern("dd.MM HH:mm").withZone(zone);
    }

    String render() {
        List<ThreadSummary> open = chat.recentThreads(Threads.Filter.ALL, SCANNED, 0).stream().filter(s -> s.thread().open()).toList();
        if (open.isEmpty()) {
            return "Açık sohbet yok.";
        }
        StringBuilder out = new StringBuilder("Açık sohbetler (" + open.size() + "):");
        for (ThreadSummary s : open.subList(0, Math.min(SHOWN, open.size()))) {
            ChatThread t = s.thread();
            out.append("\n\n#").append(t.tag()).append(" · ").append(ForwardText.displayName(t.visitorName())).append(" · ").append(when.format(t.lastActivityAt()));
            if (t.unreadForAdmin() > 0) {
                out.append(" · ").append(t.unreadForAdmin()).append(" okunmamış");
            }
            Message last = s.lastMessage();
            out.append('\n').append(last.fromVisitor() ? "" : "Siz: ").append(preview(last));
        }
        if (open.size() > SHOWN) {
            out.append("\n\n… ve ").append(open.size() - SHOWN).append(" sohbet daha (yönetim panelinde).");
        }
        return out.toString();
    }

    /** The last message in one line; a photo or recording says what it is, then its caption. */
    private static String preview(Message m) {
        String text = PlainText.line(m.body());
        String line = switch (m.kind()) {
            case TEXT -> text;
            case IMAGE -> "📷 " + (text.isEmpty() ? "fotoğraf" : text);
            case AUDIO -> "🎤 " + (text.isEmpty() ? "ses kaydı" : text);
            case FILE -> "📎 " + (text.isEmpty() ? "dosya" : text);
        };
        if (line.codePointCount(0, line.length()) <= PREVIEW) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, PREVIEW)) + "…";
    }
}
