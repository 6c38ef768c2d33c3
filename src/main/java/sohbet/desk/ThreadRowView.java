package sohbet.desk;

/** One row of the admin's thread list. */
public record ThreadRowView(long id, String href, String name, boolean online, int unread, String preview, String when,
                            boolean selected, boolean closed) {
}
