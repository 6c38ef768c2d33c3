package sohbet.core;

/** A row of the admin's thread list: the thread and its newest message, if any. */
public record ThreadSummary(ChatThread thread, Message lastMessage) {
}
