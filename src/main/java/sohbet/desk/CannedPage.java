package sohbet.desk;

import java.util.List;

import sohbet.store.CannedReplyStore;
import sohbet.web.PageHead;

/** Managing the saved answers. */
public record CannedPage(PageHead head, List<CannedReplyStore.Reply> replies, String csrf) {
}
