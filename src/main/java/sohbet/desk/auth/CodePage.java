package sohbet.desk.auth;

import sohbet.web.PageHead;

/** The second sign-in step: the form for the code sent to Telegram. */
public record CodePage(PageHead head, String error, String notice, String csrf) {
}
