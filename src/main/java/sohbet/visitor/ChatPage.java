package sohbet.visitor;

import java.util.List;

import sohbet.web.I18n;
import sohbet.web.PageHead;

/** The visitor's chat page. */
public record ChatPage(PageHead head, I18n t, String visitorName, List<MessageView> messages, long lastId,
                       PresenceView adminPresence, ComposeForm compose, boolean seen, boolean away, String hours, String email,
                       String olderUrl, String privacyUrl) {
}
