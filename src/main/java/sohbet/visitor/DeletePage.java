package sohbet.visitor;

import sohbet.web.PageHead;

/** The visitor's "delete my conversation" page: the question, the answer, or nothing to delete. */
public record DeletePage(PageHead head, State state) {
    public enum State { ASK, DONE, NOTHING }

    public boolean ask() {
        return state == State.ASK;
    }
}
