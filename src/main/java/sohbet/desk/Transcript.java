package sohbet.desk;

import java.time.format.DateTimeFormatter;
import java.util.List;

import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.core.PlainText;
import sohbet.web.I18n;

/** A thread as plain text, times in APP_TIMEZONE: for export from the panel and from Telegram. */
public final class Transcript {
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private Transcript() {
    }

    public static String of(ChatThread thread, List<Message> messages, java.time.ZoneId zone, I18n t) {
        StringBuilder out = new StringBuilder();
        // Names and captions stay on their own line, so no text can forge a line of the transcript.
        String visitor = PlainText.line(thread.visitorName());
        out.append("Sohbet #").append(thread.tag()).append(" — ").append(visitor).append('\n');
        out.append(t.t("admin.firstSeen")).append(": ").append(FULL.format(thread.createdAt().atZone(zone))).append(" (").append(zone.getId()).append(")\n\n");
        for (Message m : messages) {
            String who = switch (m.sender()) {
                case VISITOR -> visitor;
                case ADMIN -> t.t("who.admin");
                case SYSTEM -> t.t("who.system");
            };
            out.append('[').append(FULL.format(m.createdAt().atZone(zone))).append("] ").append(who).append(": ");
            String body = m.kind() == Message.Kind.TEXT ? m.body()
                    : "[" + AdminViews.previewText(m.withoutBody(), t) + "]" + (m.body() == null || m.body().isBlank() ? "" : " " + PlainText.line(m.body()));
            out.append(PlainText.lines(body).replace("\n", "\n    ")).append('\n');
        }
        return out.toString();
    }
}
