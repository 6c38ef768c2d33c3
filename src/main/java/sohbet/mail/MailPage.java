package sohbet.mail;

import sohbet.web.PageHead;

/**
 * The short page a mail's link opens. With a {@code confirmAction} it asks first: a button posts
 * back to the same link, so following a link (a scanner, or a page that sends someone there) changes
 * nothing by itself.
 */
public record MailPage(PageHead head, String heading, String message, String backLabel, String backHref, String confirmAction,
                       String confirmLabel) {
    public MailPage(PageHead head, String heading, String message, String backLabel, String backHref) {
        this(head, heading, message, backLabel, backHref, null, null);
    }
}
