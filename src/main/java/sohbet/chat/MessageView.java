package sohbet.chat;

/** A message as one viewer sees it: {@code mine} puts it on the viewer's side. */
public record MessageView(String domId, boolean mine, String who, String body, String time, String isoTime, String kind) {
}
