package sohbet.visitor;

import java.util.Optional;
import java.util.OptionalLong;

import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.live.Admission;
import sohbet.live.EventSink;
import sohbet.live.LiveEvent;
import sohbet.live.LiveHub;
import sohbet.live.SseStream;
import sohbet.live.Subscriber;
import sohbet.core.BadRequest;
import sohbet.core.ChatService;
import sohbet.core.Presence;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.Origins;

/** A visitor's live stream: the conversation's new messages, the desk's typing and presence, and read marks. */
public final class VisitorStream implements Handler {
    /** More streams than this for one visitor and the oldest makes room (each holds a socket and memory). */
    static final int MAX_STREAMS_PER_VISITOR = 5;

    public record Needs(ChatService chat, ChatViews views, VisitorCookie cookie, LiveHub hub, SseStream streams, Presence presence,
                        Admission admission) {
    }

    private final Needs n;
    private final Replay replay;

    public VisitorStream(Needs needs) {
        this.n = needs;
        this.replay = new Replay(needs.chat(), needs.views());
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Optional<Long> threadId = n.cookie().threadId(req).filter(id -> n.chat().thread(id).isPresent());
        if (threadId.isEmpty()) {
            // Nothing to stream without a thread; 204 tells EventSource not to retry right away.
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        long id = threadId.get();
        if (!Origins.sameSite(req)) {
            throw new BadRequest("error.crossSite", 403);
        }
        refuseWhenFull();
        if (n.hub().visitorStreams(id) >= MAX_STREAMS_PER_VISITOR) {
            n.hub().dropOldestVisitorStream(id);
        }
        Tab tab = new Tab(id, I18n.of(req), Replay.lastEventId(req));
        Subscriber sub = n.hub().subscribeVisitor(id);
        n.presence().visitorConnected(id);
        try {
            n.streams().run(res, sub, tab);
        } finally {
            n.presence().visitorDisconnected(id);
        }
    }

    /** Refuses (503 with Retry-After) when this server holds as many streams as it admits. */
    public void refuseWhenFull() {
        if (!n.admission().admits(n.hub().subscriberCount())) {
            throw new BadRequest("error.busy", 503, Admission.RETRY_AFTER_SECONDS);
        }
    }

    /** One open chat page's stream: the last message it was sent. */
    private final class Tab implements SseStream.Handler {
        private final long threadId;
        private final I18n t;
        private final OptionalLong lastId;
        private long delivered;

        Tab(long threadId, I18n t, OptionalLong lastId) {
            this.threadId = threadId;
            this.t = t;
            this.lastId = lastId;
        }

        @Override
        public void open(EventSink sink) {
            sink.emit(SseStream.event(Ids.EVENT_PRESENCE, n.views().adminPresenceHtml(t, n.presence().adminOnline())));
            delivered = replay.catchUp(sink, threadId, lastId, ChatViews.Viewer.VISITOR, t, null);
        }

        @Override
        public void event(EventSink sink, LiveEvent e) {
            switch (e) {
                case LiveEvent.NewMessage nm -> {
                    delivered = replay.deliver(sink, threadId, delivered, nm, ChatViews.Viewer.VISITOR, t, null);
                    // A new message ends the other side's typing, and the visitor's own is not seen yet.
                    sink.emit(SseStream.event(nm.message().fromVisitor() ? Ids.EVENT_SEEN : Ids.EVENT_TYPING, ""));
                }
                case LiveEvent.CatchUp cu -> delivered = replay.forward(sink, threadId, delivered, ChatViews.Viewer.VISITOR, t, null);
                case LiveEvent.AdminPresence ap -> sink.emit(SseStream.event(Ids.EVENT_PRESENCE, n.views().adminPresenceHtml(t, ap.online())));
                case LiveEvent.Typing ty -> sink.emit(SseStream.event(Ids.EVENT_TYPING, n.views().typingHtml(t.t("typing.admin"))));
                case LiveEvent.ThreadRead tr -> sink.emit(SseStream.event(Ids.EVENT_SEEN, n.views().seenHtml(t)));
                default -> {
                }
            }
        }
    }
}
