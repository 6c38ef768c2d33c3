package sohbet.desk;

import io.helidon.webserver.http.ServerRequest;
import sohbet.core.ChatException;
import sohbet.core.ChatService;
import sohbet.core.ChatThread;
import sohbet.web.Http;

/** The thread an admin path names with its {id} parameter. */
final class PathThread {
    private PathThread() {
    }

    /** The thread, or a 404 when there is none (an id that is not a positive number included). */
    static ChatThread of(ChatService chat, ServerRequest req) {
        return Http.positiveId(req.path().pathParameters().get("id")).flatMap(chat::thread)
                .orElseThrow(() -> new ChatException("error.noThread", 404));
    }
}
