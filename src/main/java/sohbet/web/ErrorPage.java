package sohbet.web;

/** A full-page error, for requests made without htmx. */
public record ErrorPage(PageHead head, String message, String backHref) {
}
