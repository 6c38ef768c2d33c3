package sohbet.desk;

import java.util.List;

import sohbet.web.PageHead;

/** Search results: threads by name and messages by text, each linking into its thread. */
public record SearchPage(PageHead head, String query, List<Hit> hits, boolean tooShort) {

    /** One result line. */
    public record Hit(String href, String name, String text, String when) {
    }
}
