package sohbet.admin;

import java.util.List;

import sohbet.chat.ComposeForm;
import sohbet.chat.MessageView;
import sohbet.chat.PresenceView;

/** The conversation open in the panel. */
public record SelectedThread(long id, String tag, String name, boolean open, PresenceView presence, String email, String userAgent, String firstPage,
                             String firstSeen, List<MessageView> messages, long lastId, ComposeForm compose, String olderUrl,
                             String currentPage) {
}
