package sohbet.desk;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import sohbet.core.Threads;
import sohbet.live.LiveHub;
import sohbet.web.I18n;

/**
 * The admin's thread list, rendered once per change and shared by every panel tab that shows the
 * same view (language, selected thread, filter, page). A tab asks for at least the list version it
 * learned of; the first tab to ask renders it, the others reuse it. Without this, 100 open tabs
 * meant 100 list queries and renderings for every message.
 */
final class ThreadLists {
    private record View(String lang, long selected, Threads.Filter filter, int page) {
    }

    private record Rendered(long version, String html) {
    }

    private final AdminViews views;
    private final LiveHub hub;
    private final Cache<View, Rendered> cache = Caffeine.newBuilder()
            .maximumSize(512)
            .expireAfterAccess(Duration.ofMinutes(5))
            .build();

    public ThreadLists(AdminViews views, LiveHub hub) {
        this.views = views;
        this.hub = hub;
    }

    /** The list as of {@code atLeastVersion} or newer. */
    public String html(I18n t, long selected, Threads.Filter filter, int page, long atLeastVersion) {
        View view = new View(t.lang(), selected, filter, page);
        Rendered r = cache.asMap().compute(view, (k, old) -> {
            if (old != null && old.version() >= atLeastVersion) {
                return old;
            }
            // The version is read before the store, so the rendering holds every change counted up to it.
            long version = hub.listVersion();
            return new Rendered(version, views.listHtml(t, selected, filter, page));
        });
        return r.html();
    }
}
