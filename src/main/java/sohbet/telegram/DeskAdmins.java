package sohbet.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatAdministrators;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Who may answer visitors and use the bot's commands: {@code TELEGRAM_ADMIN_IDS} when set; else, for a
 * private desk chat, its one person; else the group's human administrators, as Telegram lists them
 * (asked at most every {@link #REFRESH}, and again when someone unknown writes, at most every {@link #RECHECK}).
 * Anonymous group admins (writing as the group itself) count as admins.
 */
final class DeskAdmins {
    private static final Logger LOG = Logger.getLogger(DeskAdmins.class.getName());
    static final Duration REFRESH = Duration.ofMinutes(5);
    // Someone unknown replying may have just been made an admin; asking again for each of their messages would flood.
    static final Duration RECHECK = Duration.ofSeconds(30);

    private final Set<Long> configured;
    private final DeskChat desk;
    private final BotConnection bot;
    private final Clock clock;
    private Set<Long> groupAdmins = Set.of();
    private Instant fetchedAt = Instant.MIN;

    DeskAdmins(List<Long> configured, DeskChat desk, BotConnection bot, Clock clock) {
        this.configured = Set.copyOf(configured);
        this.desk = desk;
        this.bot = bot;
        this.clock = clock;
    }

    /** Whether the author of {@code tm} (a message in the desk's chat) may answer visitors. */
    boolean mayAnswer(org.telegram.telegrambots.meta.api.objects.message.Message tm) {
        if (tm.getSenderChat() != null && tm.getSenderChat().getId().equals(tm.getChatId())) {
            return true;
        }
        if (tm.getFrom() == null) {
            return false;
        }
        long user = tm.getFrom().getId();
        if (ids().contains(user)) {
            return true;
        }
        if (!configured.isEmpty() || desk.isPrivate()) {
            return false;
        }
        synchronized (this) {
            if (Duration.between(fetchedAt, clock.instant()).compareTo(RECHECK) < 0) {
                return false;
            }
            fetch();
            return groupAdmins.contains(user);
        }
    }

    /** The user ids accepted as admins now (anonymous admins have none). */
    synchronized Set<Long> ids() {
        if (!configured.isEmpty()) {
            return configured;
        }
        if (desk.isPrivate()) {
            return Set.of(desk.numericId());
        }
        if (Duration.between(fetchedAt, clock.instant()).compareTo(REFRESH) >= 0) {
            fetch();
        }
        return groupAdmins;
    }

    /** The human administrators of group {@code chatId}, as Telegram lists them (bots left out). */
    static Set<Long> groupAdmins(BotConnection bot, String chatId) throws TelegramApiException {
        List<ChatMember> admins = bot.client().execute(GetChatAdministrators.builder().chatId(chatId).build());
        return admins.stream()
                .filter(m -> m.getUser() != null && !Boolean.TRUE.equals(m.getUser().getIsBot()))
                .map(m -> m.getUser().getId())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Asks Telegram for the group's administrators; on failure the last known list stays. */
    private void fetch() {
        fetchedAt = clock.instant();
        try {
            groupAdmins = groupAdmins(bot, desk.id());
        } catch (TelegramApiException e) {
            LOG.warning(() -> "Could not ask Telegram for the admins of chat " + desk.id() + ": " + SendFailure.of(e, bot::redact).reason()
                    + ". Set TELEGRAM_ADMIN_IDS to name them.");
        }
    }
}
