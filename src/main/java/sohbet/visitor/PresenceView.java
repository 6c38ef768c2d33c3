package sohbet.visitor;

/** An online/offline badge. */
public record PresenceView(boolean online, String label) {
}
