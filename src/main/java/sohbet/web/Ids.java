package sohbet.web;

/** Route paths and DOM ids used by both Java and templates, so a rename cannot break one side silently. */
public final class Ids {
    public static final String ROUTE_HOME = "/";
    public static final String ROUTE_MESSAGES = "/messages";
    public static final String ROUTE_NAME = "/name";
    public static final String ROUTE_EVENTS = "/events";
    public static final String ROUTE_TYPING = "/typing";
    public static final String ROUTE_EMAIL = "/email";
    public static final String ROUTE_OLDER = "/older";
    /** The conversation alone, for the frame that refreshes itself on the visitor page when scripts are off. */
    public static final String ROUTE_TRANSCRIPT = "/transcript";
    public static final String ROUTE_HEALTH = "/health";
    public static final String ROUTE_EMBED = "/embed";
    public static final String ROUTE_EMBED_PAGE = "/embed/page";
    public static final String ROUTE_EMBED_START = "/embed/start";
    public static final String ROUTE_EMBED_SCRIPT = "/embed.js";
    public static final String ROUTE_ADMIN = "/admin";
    public static final String ROUTE_ADMIN_LOGIN = "/admin/login";
    public static final String ROUTE_ADMIN_LOGIN_CODE = "/admin/login/code";
    public static final String ROUTE_ADMIN_LOGIN_RESEND = "/admin/login/code/resend";
    public static final String ROUTE_ADMIN_LOGOUT = "/admin/logout";
    public static final String ROUTE_ADMIN_EVENTS = "/admin/events";
    public static final String ROUTE_ADMIN_THREADS = "/admin/threads/";
    public static final String ROUTE_ADMIN_SEARCH = "/admin/search";
    public static final String ROUTE_ADMIN_CANNED = "/admin/canned";
    /** A visitor deletes their own conversation (confirmation page, then a form post). */
    public static final String ROUTE_DELETE = "/delete";

    public static final String DOM_MESSAGES = "messages";
    public static final String DOM_THREAD = "thread";
    public static final String DOM_COMPOSE = "compose";
    public static final String DOM_FLASH = "flash";
    public static final String DOM_THREAD_LIST = "thread-list";
    public static final String DOM_ADMIN_STATUS = "admin-status";
    public static final String DOM_VISITOR_STATUS = "visitor-status";
    public static final String DOM_TOASTS = "toasts";

    public static final String EVENT_MESSAGE = "message";
    public static final String EVENT_RESYNC = "resync";
    public static final String EVENT_PRESENCE = "presence";
    public static final String EVENT_THREADS = "threads";
    public static final String EVENT_TOAST = "toast";
    public static final String EVENT_TYPING = "typing";
    public static final String EVENT_SEEN = "seen";
    public static final String DOM_TYPING = "typing";
    public static final String DOM_SEEN = "seen";

    private Ids() {
    }

    /** The DOM id of a message element; stable so a message delivered twice is shown once. */
    public static String messageDomId(long id) {
        return "m-" + id;
    }

    public static String adminThread(long id) {
        return ROUTE_ADMIN_THREADS + id;
    }
}
