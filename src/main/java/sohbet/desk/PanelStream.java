package sohbet.desk;

import java.util.Optional;
import java.util.OptionalLong;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.core.Threads;
import sohbet.live.EventSink;
import sohbet.live.LiveEvent;
import sohbet.live.LiveHub;
import sohbet.live.SseStream;
import sohbet.live.Subscriber;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.core.Message;
import sohbet.core.Presence;
import sohbet.visitor.ChatViews;
import sohbet.visitor.Replay;
import sohbet.web.Http;
import sohbet.web.I18n;
import sohbet.web.Ids;

/**
 * The admin panel's live stream (one per open tab): the thread list, toasts for other threads, and
 * the open thread's messages, typing and visitor presence. Behind the admin filter, like every
 * admin path.
 */
public final class PanelStream implements Handler {
    /** The panel's thread list is re-sent at most this often, however many events change it. */
    private static final long LIST_EVERY_NANOS = 500_000_000L;

    public record Needs(ChatService chat, ChatViews views, AdminViews admin, LiveHub hub, SseStream streams, Presence presence) {
    }

    /** What one tab shows: the list's filter and page, and the open thread (id 0 and no name when none). */
    private record View(I18n t, long selectedId, String name, Threads.Filter filter, int page) {
    }

    private final Needs n;
    private final Replay replay;
    private final ThreadLists lists;

    public PanelStream(Needs needs) {
        this.n = needs;
        this.replay = new Replay(needs.chat(), needs.views());
        this.lists = new ThreadLists(needs.admin(), needs.hub());
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Optional<ChatThread> selected = req.query().first("thread").asOptional().flatMap(Http::positiveId).flatMap(n.chat()::thread);
        View view = new View(I18n.of(req), selected.map(ChatThread::id).orElse(0L), selected.map(ChatThread::visitorName).orElse(null),
                AdminViews.filter(req.query().first("filter").orElse(null)), AdminViews.page(req.query().first("page").orElse(null)));
        OptionalLong lastId = Replay.lastEventId(req);
        Subscriber sub = n.hub().subscribeAdmin(view.selectedId());
        n.presence().adminConnected();
        try {
            n.streams().run(res, sub, new Tab(view, lastId));
        } finally {
            n.presence().adminDisconnected();
        }
    }

    /** One tab's stream: what it was sent, and whether its list is due again. */
    private final class Tab implements SseStream.Handler {
        private final View v;
        private final OptionalLong lastId;
        private long delivered;
        private boolean listDirty;
        private long listSentAt = System.nanoTime() - LIST_EVERY_NANOS;
        /** The list version this tab must show at least: read when it learns of a change. */
        private long wantedVersion;

        Tab(View v, OptionalLong lastId) {
            this.v = v;
            this.lastId = lastId;
        }

        @Override
        public void open(EventSink sink) {
            sink.emit(SseStream.event(Ids.EVENT_THREADS, n.admin().listHtml(v.t(), v.selectedId(), v.filter(), v.page())));
            if (v.selectedId() > 0) {
                sink.emit(SseStream.event(Ids.EVENT_PRESENCE, n.admin().visitorPresenceHtml(v.t(), n.presence().visitorOnline(v.selectedId()))));
                delivered = replay.catchUp(sink, v.selectedId(), lastId, ChatViews.Viewer.ADMIN, v.t(), v.name());
            }
        }

        @Override
        public void event(EventSink sink, LiveEvent e) {
            switch (e) {
                case LiveEvent.NewMessage nm -> {
                    if (nm.message().threadId() == v.selectedId()) {
                        inOpenThread(sink, nm);
                    } else if (nm.message().fromVisitor()) {
                        toast(sink, nm);
                    }
                    listChanged();
                }
                case LiveEvent.Typing ty -> {
                    if (ty.threadId() == v.selectedId()) {
                        sink.emit(SseStream.event(Ids.EVENT_TYPING, n.views().typingHtml(v.t().t("typing.visitor", v.name()))));
                    }
                }
                case LiveEvent.VisitorPresence vp -> {
                    if (vp.threadId() == v.selectedId()) {
                        sink.emit(SseStream.event(Ids.EVENT_PRESENCE, n.admin().visitorPresenceHtml(v.t(), vp.online())));
                    }
                    listChanged();
                }
                case LiveEvent.ThreadChanged tc -> listChanged();
                case LiveEvent.CatchUp cu -> {
                    if (v.selectedId() > 0) {
                        delivered = replay.forward(sink, v.selectedId(), delivered, ChatViews.Viewer.ADMIN, v.t(), v.name());
                    }
                    listChanged();
                }
                default -> {
                }
            }
        }

        private void inOpenThread(EventSink sink, LiveEvent.NewMessage nm) {
            Message m = nm.message();
            if (m.id() > delivered) {
                if (m.fromVisitor()) {
                    // Several tabs may show this thread: one read mark per message is enough.
                    nm.memo().once("read", () -> {
                        n.chat().markRead(v.selectedId());
                        return "";
                    });
                }
                delivered = replay.deliver(sink, v.selectedId(), delivered, nm, ChatViews.Viewer.ADMIN, v.t(), v.name());
            }
            if (m.fromVisitor()) {
                sink.emit(SseStream.event(Ids.EVENT_TYPING, ""));
            }
        }

        private void toast(EventSink sink, LiveEvent.NewMessage nm) {
            // Looked up and rendered once per message and language, not once per open tab.
            String toast = nm.memo().once("toast|" + v.t().lang(),
                    () -> n.chat().thread(nm.message().threadId()).map(th -> n.admin().toastHtml(v.t(), th)).orElse(""));
            if (!toast.isEmpty()) {
                sink.emit(SseStream.event(Ids.EVENT_TOAST, toast));
            }
        }

        private void listChanged() {
            listDirty = true;
            wantedVersion = n.hub().listVersion();
        }

        @Override
        public void idle(EventSink sink) {
            // The list is a whole re-render (two queries, a page of rows): at most a few times a second.
            if (listDirty && System.nanoTime() - listSentAt >= LIST_EVERY_NANOS) {
                listDirty = false;
                listSentAt = System.nanoTime();
                sink.emit(SseStream.event(Ids.EVENT_THREADS, lists.html(v.t(), v.selectedId(), v.filter(), v.page(), wantedVersion)));
            }
        }

        @Override
        public long wakeInMillis() {
            return listDirty ? Math.max(1, (LIST_EVERY_NANOS - (System.nanoTime() - listSentAt)) / 1_000_000) : Long.MAX_VALUE;
        }
    }
}
