package sohbet.visitor;

import sohbet.core.ChatService;
import sohbet.core.Message;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import sohbet.live.EventSink;
import sohbet.live.LiveEvent;
import sohbet.live.SseStream;
import sohbet.web.I18n;
import sohbet.web.Ids;

/**
 * What a (re)connecting stream is owed. With a last event id (the browser's own retry sends it as a
 * header; pages put their newest id in the URL) it gets exactly the messages after it; without one,
 * or with an id too old or unknown, it gets a {@code resync}: the whole list, which replaces what
 * the page shows. Message elements have stable ids and {@code hx-preserve}, so an overlap shows once.
 */
public final class Replay {
    private static final io.helidon.http.HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    /** More missed messages than this and a full resync is cheaper and clearer. */
    static final int MAX_REPLAY = 500;

    private final ChatService chat;
    private final ChatViews views;

    public Replay(ChatService chat, ChatViews views) {
        this.chat = chat;
        this.views = views;
    }

    /** The id a client says it has seen: the Last-Event-ID header first (it is the fresher), then the query. */
    public static OptionalLong lastEventId(ServerRequest req) {
        Optional<String> raw = req.headers().first(LAST_EVENT_ID)
                .or(() -> req.query().first("last_event_id").asOptional());
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(raw.get().strip());
            return id >= 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A new message woke the stream. When it directly follows what the stream has delivered, it is
     * written from the event, rendered once for every stream of the same viewer and language; on a
     * gap (an announcement overtaken by a later one, a lost NOTIFY, a write retried) the store is read.
     * Returns the newest id the client now has.
     */
    public long deliver(EventSink sink, long threadId, long delivered, LiveEvent.NewMessage event, ChatViews.Viewer viewer, I18n t,
                        String visitorName) {
        Message m = event.message();
        if (m.id() <= delivered) {
            return delivered;
        }
        if (event.previousInThread() != delivered) {
            return forward(sink, threadId, delivered, viewer, t, visitorName);
        }
        String html = event.memo().once(viewer.name() + '|' + t.lang() + '|' + visitorName,
                () -> views.messageHtml(m, viewer, t, visitorName));
        sink.emit(SseStream.event(Ids.EVENT_MESSAGE, m.id(), html));
        return m.id();
    }

    /**
     * A live event woke the stream: send everything after {@code delivered} from the database rather
     * than the event's own copy. Ids commit in order, so what the database shows is a gapless prefix,
     * whichever instance or thread announced it, and in whatever order the announcements came.
     */
    public long forward(EventSink sink, long threadId, long delivered, ChatViews.Viewer viewer, I18n t, String visitorName) {
        return catchUp(sink, threadId, OptionalLong.of(delivered), viewer, t, visitorName);
    }

    /** Sends what was missed and returns the newest message id the client now has. */
    public long catchUp(EventSink sink, long threadId, OptionalLong lastId, ChatViews.Viewer viewer, I18n t, String visitorName) {
        if (lastId.isPresent()) {
            long after = lastId.getAsLong();
            Optional<List<Message>> missed = chat.missedSince(threadId, after, MAX_REPLAY);
            // Nothing newer is only trustworthy if the id is one this thread could have sent (not from the future).
            if (missed.isPresent() && (!missed.get().isEmpty() || after <= chat.latestId(threadId))) {
                long newest = after;
                for (Message m : missed.get()) {
                    sink.emit(SseStream.event(Ids.EVENT_MESSAGE, m.id(), views.messageHtml(m, viewer, t, visitorName)));
                    newest = m.id();
                }
                return newest;
            }
        }
        ChatService.HistoryPage page = chat.historyPage(threadId, 0);
        List<Message> all = page.messages();
        long newest = all.isEmpty() ? 0 : all.getLast().id();
        String html = views.messageListHtml(page, threadId, viewer, t, visitorName);
        sink.emit(newest > 0 ? SseStream.event(Ids.EVENT_RESYNC, newest, html) : SseStream.event(Ids.EVENT_RESYNC, html));
        return newest;
    }
}
