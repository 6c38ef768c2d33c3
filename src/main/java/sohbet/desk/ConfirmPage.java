package sohbet.desk;

import sohbet.web.PageHead;

/** "Are you sure?" before something that cannot be undone. */
public record ConfirmPage(PageHead head, String question, String action, String cancelHref, String csrf) {
}
