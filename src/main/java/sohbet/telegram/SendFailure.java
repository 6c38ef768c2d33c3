package sohbet.telegram;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * What a failed Bot API call means for a forward.
 *
 * @param permanent   Telegram refused this message for good (400, 403): retrying would fail the same way
 * @param retryAfter  Telegram's own {@code retry_after} (429), or null to back off exponentially
 * @param interrupted the call was abandoned because the app is stopping, nothing to record
 * @param reason      short and token-free, for {@code last_error} and the log
 */
record SendFailure(boolean permanent, Duration retryAfter, boolean interrupted, String reason) {

    static SendFailure of(TelegramApiException e, UnaryOperator<String> redact) {
        if (Thread.currentThread().isInterrupted() || causedBy(e, InterruptedException.class)) {
            return new SendFailure(false, null, true, "interrupted");
        }
        if (e instanceof TelegramApiRequestException r && r.getApiResponse() != null) {
            int code = r.getErrorCode() == null ? 0 : r.getErrorCode();
            String reason = redact.apply(code + " " + r.getApiResponse());
            if (code == 429) {
                Integer seconds = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
                return new SendFailure(false, seconds == null ? null : Duration.ofSeconds(Math.max(1, seconds)), false, reason);
            }
            // 401/404/409 concern the bot or the server, not this message: keep it and retry with back-off.
            return new SendFailure(code == 400 || code == 403, null, false, reason);
        }
        // Network errors, timeouts, and answers that are not Bot API JSON (a proxy's HTML 502 page).
        return new SendFailure(false, null, false, redact.apply(rootMessage(e)));
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
