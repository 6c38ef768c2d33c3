package sohbet.chat;

import sohbet.web.I18n;

/** The message form; re-rendered with the typed text and an error when a post is refused. */
public record ComposeForm(I18n t, String action, String clientId, String draft, String error, String csrf, boolean oob) {
}
