package sohbet.desk;

import java.util.List;

import sohbet.web.I18n;

/** The admin's thread list, rendered on the panel and pushed whole when it changes. */
public record ThreadListView(I18n t, List<ThreadRowView> rows, long totalUnread, String nextPage) {
}
