package sohbet.visitor;

import sohbet.web.I18n;

/** The message form; re-rendered with the typed text and an error when a post is refused. */
public record ComposeForm(I18n t, String action, String clientId, String draft, String error, String csrf, boolean oob) {

    /** Where the textarea reports typing: beside the form's own target ({@code …/messages} → {@code …/typing}). */
    public String typingUrl() {
        return action.substring(0, action.lastIndexOf('/')) + "/typing";
    }
}
