package sohbet.web;

/**
 * What the layout needs to know about a page. {@code embed} is set on the chat page shown in a frame
 * on another site (null everywhere else): the layout then loads the frame's script.
 */
public record PageHead(I18n t, Assets assets, String title, boolean noscriptRefresh, String bodyClass, String csrf, Embed embed) {

    public PageHead(I18n t, Assets assets, String title, boolean noscriptRefresh, String bodyClass, String csrf) {
        this(t, assets, title, noscriptRefresh, bodyClass, csrf, null);
    }

    /**
     * The embedded page's settings for its script: the sites allowed to talk to it (space-separated
     * origins) and the visitor's token (empty before the first message starts a thread).
     */
    public record Embed(String origins, String token) {
    }

    /** htmx sends these headers on every request of the page; the CSRF token rides along on admin pages. */
    public String htmxHeaders() {
        return csrf == null ? null : "{\"X-CSRF-Token\":\"" + csrf + "\"}";
    }
}
