package sohbet.mail;

import sohbet.web.PageHead;

/** The short page that answers a click on a mail's unsubscribe link. */
public record MailPage(PageHead head, String heading, String message, String backLabel, String backHref) {
}
