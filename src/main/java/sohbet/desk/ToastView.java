package sohbet.desk;

/** A short notice in the panel about a message in another thread; it links there. */
public record ToastView(String href, String text) {
}
