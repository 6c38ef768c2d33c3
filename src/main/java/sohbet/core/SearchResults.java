package sohbet.core;

import java.util.List;

/** What a search found: threads by visitor name, and messages by text. */
public record SearchResults(String query, List<ChatThread> threads, List<Message> messages) {
}
