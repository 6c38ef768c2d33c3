package sohbet.web;

/** What the layout needs to know about a page. */
public record PageHead(I18n t, Assets assets, String title, boolean noscriptRefresh, String bodyClass, String csrf) {

    /** htmx sends these headers on every request of the page; the CSRF token rides along on admin pages. */
    public String htmxHeaders() {
        return csrf == null ? null : "{\"X-CSRF-Token\":\"" + csrf + "\"}";
    }
}
