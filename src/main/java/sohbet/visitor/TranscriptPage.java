package sohbet.visitor;

import java.util.List;

import sohbet.web.PageHead;

/** The conversation alone, shown in a frame of the visitor page when scripts are off; it refreshes itself. */
public record TranscriptPage(PageHead head, List<MessageView> messages, boolean seen, String seenLabel, String empty, int refreshSeconds) {
}
