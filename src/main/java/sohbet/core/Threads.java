package sohbet.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbExecute;

/** The threads table as the core needs it; the store implements it. */
public interface Threads {
    /** Which threads a list shows. */
    enum Filter { ALL, OPEN, CLOSED }

    ChatThread create(String visitorName, String userAgent, String firstPage, Instant now);

    Optional<ChatThread> byId(long id);

    Optional<ChatThread> byId(DbExecute ex, long id);

    /** Inside a new message's transaction: the thread's last activity and unread count. */
    void touchForMessage(DbExecute tx, Message m);

    /** True when this call marked unread messages read. */
    boolean markRead(long id);

    void rename(long id, String name);

    void setEmail(long id, String email);

    Optional<String> email(long id);

    void setPages(long id, String page, String title);

    Optional<VisitedPage> currentPage(long id);

    void setOpen(long id, boolean open);

    boolean delete(long id);

    List<ChatThread> searchByName(String query, int limit);

    /** The newest threads by last activity, each with its preview, skipping {@code offset}. */
    List<ThreadSummary> recent(Filter filter, int limit, int offset);

    /** Unread visitor messages over all threads. */
    long totalUnread();

    /** Deletes threads without a single message whose last activity is before {@code cutoff}; how many. */
    long deleteEmptyBefore(Instant cutoff);

    /** Claims the one automatic away reply of the day; true for the one caller that got it. */
    boolean claimAutoReply(long id, Instant now, Instant startOfDay);
}
