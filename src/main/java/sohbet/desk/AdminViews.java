package sohbet.desk;

import java.util.List;

import sohbet.core.Threads;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.visitor.ChatViews;
import sohbet.visitor.ComposeForm;
import sohbet.core.Message;
import sohbet.visitor.PresenceView;
import sohbet.core.ThreadSummary;
import sohbet.core.Presence;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.Templates;

/** Builds what the panel shows: the thread list and the open conversation. */
public final class AdminViews {
    static final int LIST_SIZE = 100;
    private static final int PREVIEW = 80;

    private final ChatService chat;
    private final ChatViews views;
    private final Presence presence;
    private final Templates templates;
    private final java.util.function.Function<I18n, String> botBanner;

    public AdminViews(ChatService chat, ChatViews views, Presence presence, Templates templates,
                      java.util.function.Function<I18n, String> botBanner) {
        this.botBanner = botBanner;
        this.chat = chat;
        this.views = views;
        this.presence = presence;
        this.templates = templates;
    }

    /** A warning about the Telegram bot for the panel's top (it is refused, or another process polls), or null. */
    public String botBanner(I18n t) {
        return botBanner.apply(t);
    }

    public ThreadListView list(I18n t, long selected) {
        return list(t, selected, Threads.Filter.ALL, 1);
    }

    /** One page of the list ({@code page} from 1); a full page links to the next. */
    public ThreadListView list(I18n t, long selected, Threads.Filter filter, int page) {
        int p = Math.max(1, page);
        List<ThreadSummary> found = chat.recentThreads(filter, LIST_SIZE + 1, (p - 1) * LIST_SIZE);
        List<ThreadRowView> rows = found.stream().limit(LIST_SIZE).map(s -> row(s, t, selected)).toList();
        String next = found.size() > LIST_SIZE
                ? Ids.ROUTE_ADMIN + "?filter=" + filter.name().toLowerCase(java.util.Locale.ROOT) + "&page=" + (p + 1) : null;
        return new ThreadListView(t, rows, chat.totalUnread(), next);
    }

    public String listHtml(I18n t, long selected, Threads.Filter filter, int page) {
        return templates.render("desk/threads.jte", list(t, selected, filter, page));
    }

    public static int page(String raw) {
        try {
            return raw == null ? 1 : Math.max(1, Math.min(10_000, Integer.parseInt(raw)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The list filter named in a query ({@code all}, {@code open}, {@code closed}); all for anything else. */
    public static Threads.Filter filter(String raw) {
        if (raw == null) {
            return Threads.Filter.ALL;
        }
        return switch (raw) {
            case "open" -> Threads.Filter.OPEN;
            case "closed" -> Threads.Filter.CLOSED;
            default -> Threads.Filter.ALL;
        };
    }

    public SelectedThread selected(ChatThread thread, I18n t, String csrf, String clientId, String draft, String error) {
        return selected(thread, chat.historyPage(thread.id(), 0), t, csrf, clientId, draft, error);
    }

    public SelectedThread selected(ChatThread thread, sohbet.core.ChatService.HistoryPage history, I18n t, String csrf, String clientId,
                                   String draft, String error) {
        List<Message> messages = history.messages();
        long lastId = messages.isEmpty() ? 0 : messages.getLast().id();
        return new SelectedThread(thread.id(), thread.tag(), thread.visitorName(), thread.open(), visitorPresence(t, presence.visitorOnline(thread.id())),
                chat.email(thread.id()).orElse("—"), UserAgents.describe(thread.userAgent()), orDash(thread.firstPage()), views.time().clock(thread.createdAt()),
                views.views(messages, ChatViews.Viewer.ADMIN, t, thread.visitorName()), lastId,
                new ComposeForm(t, replyAction(thread.id()), clientId, draft, error, csrf, false),
                ChatViews.olderUrl(history, thread.id(), ChatViews.Viewer.ADMIN),
                chat.currentPage(thread.id()).map(p -> p.title().isEmpty() ? p.url() : p.title() + " — " + p.url()).orElse("—"));
    }

    public String visitorPresenceHtml(I18n t, boolean online) {
        return templates.render("visitor/presence.jte", visitorPresence(t, online));
    }

    public String toastHtml(I18n t, ChatThread thread) {
        return templates.render("desk/toast.jte", new ToastView(Ids.adminThread(thread.id()), t.t("admin.toast", thread.visitorName())));
    }

    static String replyAction(long threadId) {
        return Ids.adminThread(threadId) + "/messages";
    }

    private ThreadRowView row(ThreadSummary s, I18n t, long selected) {
        ChatThread th = s.thread();
        Message last = s.lastMessage();
        String preview = (last.sender() == Message.Sender.ADMIN ? t.t("who.you") + ": " : "") + clip(previewText(last, t));
        return new ThreadRowView(th.id(), Ids.adminThread(th.id()), th.visitorName(), presence.visitorOnline(th.id()), th.unreadForAdmin(),
                preview, views.time().relative(th.lastActivityAt(), t), th.id() == selected, !th.open());
    }

    /** What a list row shows of a message: its text, or for media without a caption the kind of media. */
    static String previewText(Message m, I18n t) {
        if (m.body() != null && !m.body().isBlank()) {
            return m.body();
        }
        return switch (m.kind()) {
            case IMAGE -> "📷 " + t.t("media.photo");
            case AUDIO -> "🎤 " + t.t("upload.audio");
            case FILE -> "📎 " + t.t("media.file");
            case TEXT -> "";
        };
    }

    private static PresenceView visitorPresence(I18n t, boolean online) {
        return new PresenceView(online, t.t(online ? "presence.online" : "presence.offline"));
    }

    private static String clip(String s) {
        String oneLine = sohbet.core.PlainText.line(s);
        return oneLine.length() <= PREVIEW ? oneLine : oneLine.substring(0, PREVIEW - 1) + "…";
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
