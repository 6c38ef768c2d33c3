package sohbet.telegram;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.telegram.telegrambots.meta.api.objects.message.Message;
import sohbet.store.TelegramLinkStore;

/**
 * Which thread a reply in the admin's chat answers: the replied-to message's stored link, or, for a
 * message sent before links existed (or whose link is gone), the {@code #T42} tag on its last line.
 */
final class ReplyTarget {
    // Only the tag line the bot writes counts; a visitor typing "#T7" inside the text must not redirect replies.
    private static final Pattern TAG_LINE = Pattern.compile("#T(\\d{1,18})");

    private final TelegramLinkStore links;

    ReplyTarget(TelegramLinkStore links) {
        this.links = links;
    }

    /** True when the admin pressed "Reply"; a forum topic's implicit reply to its own creation is not one. */
    static boolean isReply(Message tm) {
        Message replied = tm.getReplyToMessage();
        return replied != null && !replied.hasForumTopicCreated();
    }

    Optional<Long> threadFor(Message tm) {
        if (!isReply(tm)) {
            return Optional.empty();
        }
        Message replied = tm.getReplyToMessage();
        return links.find(tm.getChatId(), replied.getMessageId())
                .map(TelegramLinkStore.Link::threadId)
                .or(() -> tagOf(replied));
    }

    static Optional<Long> tagOf(Message replied) {
        String text = replied.hasText() ? replied.getText() : replied.getCaption();
        if (text == null) {
            return Optional.empty();
        }
        String[] lines = text.strip().split("\n");
        Matcher m = TAG_LINE.matcher(lines[lines.length - 1].strip());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
