package sohbet.desk;

import sohbet.web.PageHead;

/** The admin panel: the thread list and, when one is chosen, its conversation. */
public record AdminPage(PageHead head, ThreadListView threads, SelectedThread selected, String eventsUrl, String csrf, String filter,
                        java.util.List<sohbet.store.CannedReplyStore.Reply> canned, String botBanner) {
}
