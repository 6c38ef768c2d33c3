package sohbet.telegram;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * What a failed Bot API call means for a forward.
 *
 * @param scope      what the failure concerns, so what to do about it
 * @param retryAfter Telegram's own {@code retry_after} (429), or null to back off exponentially
 * @param reason     short and token-free, for {@code last_error} and the log
 * @param movedTo    for {@link Scope#MOVED}: the chat's new id ({@code migrate_to_chat_id})
 */
record SendFailure(Scope scope, Duration retryAfter, String reason, Long movedTo) {

    enum Scope {
        /** It may pass (network, 5xx, 429, 401/404/409 about the bot or server): keep the message, try again later. */
        RETRY,
        /** Telegram refuses every send to the chat (bot blocked or kicked, chat gone, no right to post): pause, keep everything. */
        CHAT,
        /** Telegram refuses this one message for good (a bad file, too long): end it and tell the owner. */
        MESSAGE,
        /** The group became a supergroup with a new id: move there and send the same piece again. */
        MOVED,
        /** The call was abandoned because the app is stopping: nothing to record. */
        INTERRUPTED
    }

    // 400 descriptions that concern the whole chat rather than the message sent.
    private static final List<String> CHAT_WIDE = List.of("chat not found", "not enough rights to send text",
            "have no rights to send a message", "chat_write_forbidden", "need administrator rights", "bot was kicked",
            "bot is not a member", "group chat was deactivated", "group chat was upgraded", "chat_restricted");

    boolean interrupted() {
        return scope == Scope.INTERRUPTED;
    }

    /** Telegram will not take this the way it was asked (the chat or the message): retrying unchanged fails the same way. */
    boolean permanent() {
        return scope == Scope.CHAT || scope == Scope.MESSAGE;
    }

    static SendFailure of(TelegramApiException e, UnaryOperator<String> redact) {
        if (Thread.currentThread().isInterrupted() || causedBy(e, InterruptedException.class)) {
            return new SendFailure(Scope.INTERRUPTED, null, "interrupted", null);
        }
        if (e instanceof TelegramApiRequestException r && r.getApiResponse() != null) {
            int code = r.getErrorCode() == null ? 0 : r.getErrorCode();
            String reason = redact.apply(code + " " + r.getApiResponse());
            Long movedTo = r.getParameters() == null ? null : r.getParameters().getMigrateToChatId();
            if (movedTo != null) {
                return new SendFailure(Scope.MOVED, null, reason, movedTo);
            }
            if (code == 429) {
                Integer seconds = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
                return new SendFailure(Scope.RETRY, seconds == null ? null : Duration.ofSeconds(Math.max(1, seconds)), reason, null);
            }
            if (code == 403 || code == 400 && chatWide(r.getApiResponse())) {
                return new SendFailure(Scope.CHAT, null, reason, null);
            }
            // 401/404/409 concern the bot or the server, not this message: keep it and retry with back-off.
            return new SendFailure(code == 400 ? Scope.MESSAGE : Scope.RETRY, null, reason, null);
        }
        // Network errors, timeouts, and answers that are not Bot API JSON (a proxy's HTML 502 page).
        return new SendFailure(Scope.RETRY, null, redact.apply(rootMessage(e)), null);
    }

    private static boolean chatWide(String description) {
        String d = description.toLowerCase(Locale.ROOT);
        return CHAT_WIDE.stream().anyMatch(d::contains);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getClass().getSimpleName() + ": "
                + root.getMessage() + ")";
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
