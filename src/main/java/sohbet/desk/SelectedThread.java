package sohbet.desk;

import java.util.List;

import sohbet.visitor.ComposeForm;
import sohbet.visitor.MessageView;
import sohbet.visitor.PresenceView;

/** The conversation open in the panel. */
public record SelectedThread(long id, String tag, String name, boolean open, PresenceView presence, String email, String userAgent, String firstPage,
                             String firstSeen, List<MessageView> messages, long lastId, ComposeForm compose, String olderUrl,
                             String currentPage) {
}
