package sohbet.core;

import java.time.Clock;
import java.time.ZoneId;


/**
 * Outside business hours, or while the admin is offline, a visitor hears when to expect an answer:
 * once per thread per day an automatic reply (AWAY_MESSAGE) follows their message.
 */
public final class AwayMode {
    private final BusinessHours hours;
    private final Presence presence;
    private final Threads threads;
    private final Clock clock;
    private final ZoneId zone;
    private final String message;
    private final String messageEn;
    /**
     * The language each recent visitor's browser asked for, as their page or post said; the reply
     * follows a web message straight away, so memory is enough (no column for it).
     */
    private final java.util.Map<Long, String> languages = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Long, String> eldest) {
                    return size() > 10_000;
                }
            });

    public AwayMode(BusinessHours hours, Presence presence, Threads threads, Clock clock, ZoneId zone, String message) {
        this(hours, presence, threads, clock, zone, message, message);
    }

    /** @param messageEn the reply for a visitor whose browser prefers English; {@code message} for everyone else */
    public AwayMode(BusinessHours hours, Presence presence, Threads threads, Clock clock, ZoneId zone, String message, String messageEn) {
        this.messageEn = messageEn;
        this.hours = hours;
        this.presence = presence;
        this.threads = threads;
        this.clock = clock;
        this.zone = zone;
        this.message = message;
    }

    public boolean away() {
        return !presence.adminOnline() || !hours.isOpen(clock.instant(), zone);
    }

    public BusinessHours hours() {
        return hours;
    }

    /** Reacts to a committed message: the first visitor message of the day in an away moment gets the reply. */
    public void afterMessage(Message m, ChatService chat) {
        if (!m.fromVisitor() || !away()) {
            return;
        }
        var startOfDay = clock.instant().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        // The conditional update decides, so two instances (or two quick messages) send it once.
        if (threads.claimAutoReply(m.threadId(), clock.instant(), startOfDay)) {
            chat.postSystem(m.threadId(), "en".equals(languages.get(m.threadId())) ? messageEn : message);
        }
    }

    /** Remembers the language of the visitor of a thread (from their browser), for the automatic reply. */
    public void visitorSpeaks(long threadId, String lang) {
        languages.put(threadId, lang);
    }
}
