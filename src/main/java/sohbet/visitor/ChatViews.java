package sohbet.visitor;

import sohbet.core.ChatService;
import sohbet.core.Message;

import java.util.List;

import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.Templates;
import sohbet.web.TimeFormat;

/** Turns messages into the HTML fragments shared by pages, htmx answers and SSE pushes. */
public final class ChatViews {
    /** Whose page a message is shown on. */
    public enum Viewer { VISITOR, ADMIN }

    /** How a media message is shown (links to the stored file and its preview); the media feature provides it. */
    @FunctionalInterface
    public interface MediaLinks {
        MediaLinks NONE = (m, t) -> null;

        /** The media part of a message's view, or null when it has none. */
        MessageView.Media view(Message m, I18n t);
    }

    private final Templates templates;
    private final TimeFormat time;
    private final MediaLinks media;

    public ChatViews(Templates templates, TimeFormat time) {
        this(templates, time, MediaLinks.NONE);
    }

    public ChatViews(Templates templates, TimeFormat time, MediaLinks media) {
        this.templates = templates;
        this.time = time;
        this.media = media;
    }

    public TimeFormat time() {
        return time;
    }

    public MessageView view(Message m, Viewer viewer, I18n t, String visitorName) {
        boolean mine = viewer == Viewer.VISITOR ? m.fromVisitor() : m.sender() == Message.Sender.ADMIN;
        String who = switch (m.sender()) {
            case VISITOR -> viewer == Viewer.VISITOR ? t.t("who.you") : visitorName;
            case ADMIN -> viewer == Viewer.ADMIN ? t.t("who.you") : t.t("who.admin");
            case SYSTEM -> t.t("who.system");
        };
        return new MessageView(Ids.messageDomId(m.id()), mine, who, m.body(), time.clock(m.createdAt()), time.iso(m.createdAt()),
                m.kind().name().toLowerCase(), m.kind() == Message.Kind.TEXT ? null : media.view(m, t));
    }

    public List<MessageView> views(List<Message> messages, Viewer viewer, I18n t, String visitorName) {
        return messages.stream().map(m -> view(m, viewer, t, visitorName)).toList();
    }

    public String messageHtml(Message m, Viewer viewer, I18n t, String visitorName) {
        return templates.render("visitor/message.jte", view(m, viewer, t, visitorName));
    }

    /** The whole list (a resync): the page's messages, with the "older messages" link when there are more. */
    public String messageListHtml(ChatService.HistoryPage page, long threadId, Viewer viewer, I18n t, String visitorName) {
        return templates.render("visitor/messages.jte", listParams(page, threadId, viewer, t, visitorName));
    }

    /** Older messages to put above the current ones, with a further link when there are more still. */
    public String olderHtml(ChatService.HistoryPage page, long threadId, Viewer viewer, I18n t, String visitorName) {
        return templates.render("visitor/older.jte", listParams(page, threadId, viewer, t, visitorName));
    }

    private java.util.Map<String, Object> listParams(ChatService.HistoryPage page, long threadId, Viewer viewer, I18n t, String visitorName) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("messages", views(page.messages(), viewer, t, visitorName));
        params.put("olderUrl", olderUrl(page, threadId, viewer));
        params.put("olderLabel", t.t("chat.older"));
        return params;
    }

    /** Where a page's older messages come from, or null when it starts at the beginning. */
    public static String olderUrl(ChatService.HistoryPage page, long threadId, Viewer viewer) {
        if (!page.more()) {
            return null;
        }
        return (viewer == Viewer.VISITOR ? Ids.ROUTE_OLDER : Ids.adminThread(threadId) + "/older") + "?before=" + page.firstId();
    }

    /** "… is typing", which fades by itself (CSS) unless another typing event renews it. */
    public String typingHtml(String label) {
        return templates.render("visitor/typing.jte", label);
    }

    public String seenHtml(I18n t) {
        return templates.render("visitor/seen.jte", t.t("chat.seen"));
    }

    /** Whether the desk is online, as the visitor's page shows it. */
    public static PresenceView adminPresence(I18n t, boolean online) {
        return new PresenceView(online, t.t(online ? "presence.adminOnline" : "presence.adminOffline"));
    }

    public String adminPresenceHtml(I18n t, boolean online) {
        return templates.render("visitor/presence.jte", adminPresence(t, online));
    }

    public String composeHtml(ComposeForm form) {
        return templates.render("visitor/compose.jte", form);
    }
}
