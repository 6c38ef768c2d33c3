package sohbet.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import io.helidon.dbclient.DbExecute;

/**
 * The one path every message takes, whichever door it came in by: validate, commit, then tell
 * everyone who reacts to messages. Nothing is announced before it is committed.
 *
 * <p>Longer than our other classes on purpose: it is the one door for every change to a message or
 * a thread, so every rule (lengths, NUL, client ids, names, e-mail, the order of commit and
 * announcement) can be checked in this one file.
 */
public final class ChatService {
    public static final int MAX_TEXT = 4000;
    /** Telegram allows 1,024 characters of caption; a little less leaves room for the header line. */
    public static final int MAX_CAPTION = 1000;
    public static final int MAX_NAME = 50;
    /** Messages a page shows at first; older ones load on demand. */
    public static final int HISTORY = 50;

    private final Transactions db;
    private final Threads threads;
    private final Messages messages;
    private final ChatEvents hub;
    private final Clock clock;
    private final GroupCommit<Message, Messages.Stored> commits;
    private final SecureRandom random = new SecureRandom();
    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();

    public ChatService(Transactions db, Threads threads, Messages messages, ChatEvents hub, Clock clock) {
        this.db = db;
        this.threads = threads;
        this.messages = messages;
        this.hub = hub;
        this.clock = clock;
        this.commits = new GroupCommit<>(db, this::store);
    }

    /** One message's part of a (possibly shared) transaction. */
    private Messages.Stored store(DbExecute tx, Message draft) {
        threads.byId(tx, draft.threadId()).orElseThrow(() -> new ChatException("error.noThread", 404));
        Messages.Stored s = messages.insertOnce(tx, draft);
        if (s.created()) {
            threads.touchForMessage(tx, s.message());
            for (MessageListener l : listeners) {
                l.inTransaction(tx, s);
            }
        }
        return s;
    }

    /**
     * Adds something that reacts to each new message: inside its transaction (the Telegram outbox row,
     * so an acknowledged visitor message is never left without its forward) and after its commit.
     * Called by the composition root before the first message, so every reaction is wired in one place.
     */
    public void listen(MessageListener listener) {
        listeners.add(listener);
    }

    public ChatThread startThread(String userAgent, String firstPage) {
        return startThread(userAgent, firstPage, "Ziyaretçi");
    }

    /** A new thread named {@code namePrefix} and four digits, in the visitor's language ("Visitor 4821"). */
    public ChatThread startThread(String userAgent, String firstPage, String namePrefix) {
        String name = namePrefix + " " + (1000 + random.nextInt(9000));
        return threads.create(name, clip(userAgent, 300), clip(firstPage, 500), clock.instant());
    }

    public Optional<ChatThread> thread(long id) {
        return threads.byId(id);
    }

    public List<Message> history(long threadId) {
        return messages.latest(threadId, HISTORY);
    }

    /** A page of history: up to HISTORY messages before {@code beforeId} (or the newest), and whether older ones exist. */
    public HistoryPage historyPage(long threadId, long beforeId) {
        List<Message> page = beforeId <= 0 ? messages.latest(threadId, HISTORY + 1) : messages.before(threadId, beforeId, HISTORY + 1);
        boolean more = page.size() > HISTORY;
        return new HistoryPage(more ? page.subList(1, page.size()) : page, more);
    }

    /** Messages oldest first, and whether there are older ones still. */
    public record HistoryPage(List<Message> messages, boolean more) {
        public long firstId() {
            return messages.isEmpty() ? 0 : messages.getFirst().id();
        }
    }

    /** A message from the system itself (the away reply), stored and shown like any other. */
    public Message postSystem(long threadId, String body) {
        return postText(threadId, Message.Sender.SYSTEM, Message.Channel.WEB, body, null);
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,185}\\.[^@\\s.]{2,}");

    /** The visitor leaves an address for a follow-up. */
    public void leaveEmail(long threadId, String email) {
        String e = email == null ? "" : email.strip();
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw new ChatException("error.badEmail", 422);
        }
        threads.setEmail(threadId, e);
        hub.threadChanged(threadId);
    }

    /** The page of the owner's site the visitor of an embedded chat reports being on (an http(s) address). */
    public void visitorPage(long threadId, String url, String title) {
        String u = url == null ? "" : url.strip();
        if (!u.matches("(?i)https?://\\S+") || u.length() > 2000) {
            throw new ChatException("error.badPage", 422);
        }
        String tt = title == null ? "" : title.replace('\u0000', ' ').strip();
        threads.setPages(threadId, clip(u, 500), clip(tt, 200));
        hub.threadChanged(threadId);
    }

    public Optional<VisitedPage> currentPage(long threadId) {
        return threads.currentPage(threadId);
    }

    public java.util.Optional<String> email(long threadId) {
        return threads.email(threadId);
    }

    /** Stores a text message once per client id and announces it; a repeat returns the first one. */
    public Message postText(long threadId, Message.Sender sender, Message.Channel channel, String body, String clientId) {
        String text = checkText(body);
        String cid = normaliseClientId(clientId);
        Instant now = clock.instant();
        Message draft = new Message(0, threadId, sender, channel, Message.Kind.TEXT, text, null, null, null, cid, now);
        return commit(threadId, draft);
    }

    /**
     * Stores a photo/recording/file message whose file is already kept by the media storage, once per
     * client id, and announces it like text; a repeat returns the first message (compare its media
     * reference to know the new file is not used). The caption becomes the body ("" when none).
     */
    public Message postMedia(long threadId, Message.Sender sender, Message.Channel channel, Message.Kind kind, String mediaRef,
                             String mime, long size, String caption, String clientId) {
        if (kind == Message.Kind.TEXT || mediaRef == null || mediaRef.isBlank() || mime == null || mime.isBlank()) {
            throw new IllegalArgumentException("a media message needs a media kind, a media reference and a mime type");
        }
        String text = checkCaption(caption);
        String cid = normaliseClientId(clientId);
        Message draft = new Message(0, threadId, sender, channel, kind, text, mediaRef, mime, size, cid, clock.instant());
        return commit(threadId, draft);
    }

    /** A text message's body, stripped, NUL marked; empty or too long is refused. */
    public static String checkText(String body) {
        // Other doors (Telegram, captions) may carry a NUL, which PostgreSQL cannot store: keep the message, mark the spot.
        String text = body == null ? "" : body.replace('\u0000', '\uFFFD').strip();
        if (text.isEmpty()) {
            throw new ChatException("error.empty", 422);
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw new ChatException("error.tooLong", 422);
        }
        return text;
    }

    /**
     * Replaces the text of a stored message (the caption of a photo or recording) by the same rules as a
     * new one, search included; the message keeps its id and place. Open admin panels are told (the
     * thread's preview changes); a visitor page shows the new text on its next load or resync.
     * Returns the message as it is now (unchanged when the text is the same).
     */
    public Message edit(long messageId, String body) {
        Message before = messages.byId(messageId).orElseThrow(() -> new ChatException("error.noThread", 404));
        String text = before.kind() == Message.Kind.TEXT ? checkText(body) : checkCaption(body);
        if (text.equals(before.body())) {
            return before;
        }
        Message after = db.write(tx -> messages.updateBody(tx, messageId, text))
                .orElseThrow(() -> new ChatException("error.noThread", 404));
        hub.threadChanged(after.threadId());
        return after;
    }

    /** The message a door stored under {@code clientId} in this thread, if any (a re-delivered Telegram update finds it). */
    public Optional<Message> byClientId(long threadId, String clientId) {
        return messages.byClientId(db.read(), threadId, clientId);
    }

    /** A message by id. */
    public Optional<Message> message(long messageId) {
        return messages.byId(messageId);
    }

    /** A media message's caption, stripped ("" when none); too long is refused before any file is kept. */
    public static String checkCaption(String caption) {
        // As for text: a caption from another door (Telegram) may carry a NUL, which PostgreSQL cannot store.
        String text = caption == null ? "" : caption.replace('\u0000', '\uFFFD').strip();
        if (text.codePointCount(0, text.length()) > MAX_CAPTION) {
            throw new ChatException("error.media.captionTooLong", 422);
        }
        return text;
    }

    private Message commit(long threadId, Message draft) {
        Messages.Stored stored = commits.write(draft);
        // Announced even when it was already stored: a write retried after a lost connection may find
        // its own first attempt committed, and streams only forward what is newer than they have.
        hub.messageStored(stored.message(), stored.previousInThread());
        if (stored.created()) {
            for (MessageListener l : listeners) {
                l.committed(stored.message());
            }
        }
        return stored.message();
    }

    public void rename(long threadId, String name) {
        // A name is shown on one line everywhere (lists, transcripts, Telegram): no breaks, no bidi tricks.
        String clean = PlainText.line(name);
        if (clean.isEmpty()) {
            throw new ChatException("error.nameEmpty", 422);
        }
        if (clean.codePointCount(0, clean.length()) > MAX_NAME) {
            throw new ChatException("error.nameTooLong", 422);
        }
        threads.rename(threadId, clean);
        hub.threadChanged(threadId);
    }

    public void setOpen(long threadId, boolean open) {
        threads.setOpen(threadId, open);
        hub.threadChanged(threadId);
    }

    /**
     * Deletes a thread with its messages (a privacy request). Returns the media references it held
     * so their files can be removed too.
     */
    public List<String> delete(long threadId) {
        List<String> media = messages.mediaRefs(threadId);
        threads.delete(threadId);
        hub.threadChanged(threadId);
        return media;
    }

    /** Messages and visitor names containing {@code query}; empty for queries under two characters. */
    public SearchResults search(String query, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.codePointCount(0, q.length()) < 2) {
            return new SearchResults(q, List.of(), List.of());
        }
        return new SearchResults(q, threads.searchByName(q, limit), messages.search(q, limit));
    }

    /** A page of the thread list, newest activity first. */
    public List<ThreadSummary> recentThreads(Threads.Filter filter, int limit, int offset) {
        return threads.recent(filter, limit, offset);
    }

    public long totalUnread() {
        return threads.totalUnread();
    }

    /** Housekeeping: threads opened and never written in, whose last activity is before {@code cutoff}; how many went. */
    public long deleteEmptyThreads(Instant cutoff) {
        return threads.deleteEmptyBefore(cutoff);
    }

    public List<Message> transcript(long threadId) {
        return messages.all(threadId);
    }

    public void markRead(long threadId) {
        if (threads.markRead(threadId)) {
            hub.threadRead(threadId);
        }
    }

    /** Whether the visitor's newest message has been read by the admin (the "seen" mark). */
    public boolean seenByAdmin(ChatThread thread, List<Message> history) {
        return !history.isEmpty() && history.getLast().fromVisitor() && thread.unreadForAdmin() == 0;
    }

    /** Messages after {@code afterId}, or empty when more than {@code limit} were missed (the caller resyncs). */
    public Optional<List<Message>> missedSince(long threadId, long afterId, int limit) {
        List<Message> missed = messages.after(threadId, afterId, limit + 1);
        return missed.size() > limit ? Optional.empty() : Optional.of(missed);
    }

    public long latestId(long threadId) {
        return messages.maxId(threadId);
    }

    private static String normaliseClientId(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            // Every message gets a key, so a write retried after a lost connection can never store it twice.
            return "srv-" + java.util.UUID.randomUUID();
        }
        if (!ClientIds.valid(clientId)) {
            throw new ChatException("error.badClientId", 400);
        }
        return clientId;
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}
