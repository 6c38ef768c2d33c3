package sohbet.desk.auth;

import sohbet.web.PageHead;

/** The admin sign-in form. */
public record LoginPage(PageHead head, String username, String error, String csrf) {
}
