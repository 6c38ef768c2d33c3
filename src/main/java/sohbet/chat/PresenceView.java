package sohbet.chat;

/** An online/offline badge. */
public record PresenceView(boolean online, String label) {
}
