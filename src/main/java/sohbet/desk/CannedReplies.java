package sohbet.desk;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.store.CannedReplyStore;

/** The admin's saved answers: a short name (used as {@code /c name} in Telegram) and the text. */
public final class CannedReplies {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,32}");

    private final CannedReplyStore store;
    private final Clock clock;

    public CannedReplies(CannedReplyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<CannedReplyStore.Reply> all() {
        return store.all();
    }

    public Optional<CannedReplyStore.Reply> byId(long id) {
        return store.byId(id);
    }

    public Optional<CannedReplyStore.Reply> byName(String name) {
        return store.byName(name == null ? "" : name.strip().toLowerCase(java.util.Locale.forLanguageTag("tr")));
    }

    public void save(String name, String body) {
        String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.forLanguageTag("tr"));
        if (!NAME.matcher(n).matches()) {
            throw new ChatException("error.cannedName", 422);
        }
        // A saved answer is sent as a message: the same rule as any message's text.
        String b = ChatService.checkText(body);
        store.save(n, b, clock.instant());
    }

    public void delete(long id) {
        store.delete(id);
    }
}
