package sohbet.app;

import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import sohbet.admin.AdminGuard;
import sohbet.telegram.TelegramBridge;
import sohbet.web.I18n;
import sohbet.web.Ids;
import sohbet.web.Templates;

/**
 * {@code GET /admin/bot}: one line for the panel when the Telegram bot cannot do its job (Telegram refuses
 * its sends, or another process polls with its token), empty otherwise. The panel asks now and then.
 */
final class BotBanner implements HttpService {
    private final AdminGuard guard;
    private final Templates templates;
    private final Supplier<TelegramBridge.Status> status;

    BotBanner(AdminGuard guard, Templates templates, Supplier<TelegramBridge.Status> status) {
        this.guard = guard;
        this.templates = templates;
        this.status = status;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(Ids.ROUTE_ADMIN_BOT, this::banner);
    }

    private void banner(ServerRequest req, ServerResponse res) {
        if (guard.requireSession(req, res).isEmpty()) {
            return;
        }
        TelegramBridge.Status s = status.get();
        String text = s.reason() == null ? "" : I18n.of(req).t("bot." + s.state(), s.reason());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        templates.send(res, 200, "admin/bot.jte", text);
    }
}
