package sohbet.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The bot's side of HTTP: one token, one Bot API server ({@code TELEGRAM_API_URL}), and OkHttp clients
 * whose threads are all daemon threads, so an idle or stuck call never keeps the process alive.
 * Sends and long polls get separate dispatchers: shutdown can cancel the poll without cutting a send short.
 */
public final class BotConnection implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    // Telegram answers a long poll after `timeout` seconds; allow for a slow network on top.
    private static final Duration POLL_SLACK = Duration.ofSeconds(15);
    // Files (a visitor's 10 MB recording going out, an admin's photo coming in) may take a while on a slow uplink.
    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(3);

    private final String token;
    private final TelegramUrl url;
    private final ExecutorService callThreads;
    private final OkHttpClient sendHttp;
    private final OkHttpClient pollHttp;
    private final OkHttpClient fileHttp;
    private final TelegramClient client;
    private final TelegramClient fileClient;
    private volatile PollWatch pollWatch = new PollWatch() {
        @Override
        public void conflict(String description) {
        }

        @Override
        public void polled() {
        }
    };

    /** Hears how getUpdates went: telegrambots' poller only logs a 409, so it is read off the wire here. */
    interface PollWatch {
        /** Telegram answered 409: another process polls with this token, or a webhook is set. */
        void conflict(String description);

        /** A getUpdates was answered normally. */
        void polled();
    }

    private BotConnection(String token, TelegramUrl url, Duration pollTimeout) {
        this.token = token;
        this.url = url;
        this.callThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("telegram-http-", 0).factory());
        ConnectionPool pool = new ConnectionPool();
        this.sendHttp = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(callThreads))
                .connectionPool(pool)
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(SEND_TIMEOUT)
                .writeTimeout(SEND_TIMEOUT)
                .callTimeout(SEND_TIMEOUT.plus(CONNECT_TIMEOUT))
                // A send whose answer was lost may have reached Telegram; OkHttp must not send it again on its own.
                .retryOnConnectionFailure(false)
                .build();
        this.pollHttp = sendHttp.newBuilder()
                .dispatcher(new Dispatcher(callThreads))
                // Polling again is harmless: Telegram hands out updates until an offset confirms them.
                .retryOnConnectionFailure(true)
                .addInterceptor(chain -> {
                    Response res = chain.proceed(chain.request());
                    if (chain.request().url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/getupdates")) {
                        if (res.code() == 409) {
                            pollWatch.conflict(redact(res.peekBody(2048).string()));
                        } else if (res.code() == 200) {
                            pollWatch.polled();
                        }
                    }
                    return res;
                })
                .readTimeout(pollTimeout.plus(POLL_SLACK))
                .callTimeout(pollTimeout.plus(POLL_SLACK).plus(CONNECT_TIMEOUT))
                .build();
        this.fileHttp = sendHttp.newBuilder()
                .readTimeout(FILE_TIMEOUT)
                .writeTimeout(FILE_TIMEOUT)
                .callTimeout(FILE_TIMEOUT.plus(CONNECT_TIMEOUT))
                .build();
        this.client = new OkHttpTelegramClient(sendHttp, token, url);
        this.fileClient = new OkHttpTelegramClient(fileHttp, token, url);
    }

    public static BotConnection open(String token, String apiUrl, Duration pollTimeout) {
        return new BotConnection(token, telegramUrl(apiUrl), pollTimeout);
    }

    /** {@code TELEGRAM_API_URL} in telegrambots' terms; it builds {@code /bot<token>/<method>} right after host and port. */
    static TelegramUrl telegramUrl(String apiUrl) {
        URI uri;
        try {
            uri = new URI(apiUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("TELEGRAM_API_URL is not a URL: '" + apiUrl + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("TELEGRAM_API_URL must look like https://api.telegram.org or http://127.0.0.1:8081, got '"
                    + apiUrl + "'");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("TELEGRAM_API_URL cannot have a path ('" + path
                    + "'): the bot calls <scheme>://<host>:<port>/bot<token>/<method>");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return TelegramUrl.builder().schema(scheme).host(uri.getHost()).port(port).testServer(false).build();
    }

    void watchPolls(PollWatch watch) {
        this.pollWatch = watch;
    }

    public TelegramClient client() {
        return client;
    }

    /** The same bot with longer timeouts, for uploads (sendPhoto, sendVoice, sendAudio, sendDocument). */
    TelegramClient fileClient() {
        return fileClient;
    }

    /** A file is bigger than the caller allows; nothing more of it is read. */
    static final class FileTooLarge extends IOException {
        FileTooLarge(long bytes) {
            super("file larger than allowed (" + bytes + " bytes or more)", null);
        }
    }

    /**
     * Downloads a file that getFile named into {@code target}, reading at most {@code maxBytes}. The URL is
     * built here, from TELEGRAM_API_URL: telegrambots' own download hard-codes api.telegram.org.
     * Errors carry no token.
     */
    long download(String filePath, long maxBytes, Path target) throws IOException {
        if (filePath == null || filePath.isBlank() || filePath.startsWith("/") || filePath.contains("..")) {
            throw new IOException("Telegram gave no usable file_path");
        }
        HttpUrl fileUrl = new HttpUrl.Builder().scheme(url.getSchema()).host(url.getHost()).port(url.getPort())
                .addPathSegment("file").addPathSegment("bot" + token).addPathSegments(filePath).build();
        try (Response res = fileHttp.newCall(new Request.Builder().url(fileUrl).get().build()).execute()) {
            ResponseBody body = res.body();
            if (res.code() != 200 || body == null) {
                throw new IOException("file download answered HTTP " + res.code());
            }
            if (body.contentLength() > maxBytes) {
                throw new FileTooLarge(body.contentLength());
            }
            long total = 0;
            try (InputStream in = body.byteStream(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    total += n;
                    if (total > maxBytes) {
                        throw new FileTooLarge(total);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return total;
        } catch (FileTooLarge e) {
            throw e;
        } catch (IOException e) {
            // OkHttp names the URL in some messages, and the URL holds the token: keep the text, drop the cause.
            throw new IOException(redact(String.valueOf(e.getMessage())));
        }
    }

    String token() {
        return token;
    }

    TelegramUrl url() {
        return url;
    }

    OkHttpClient pollHttp() {
        return pollHttp;
    }

    /** Where the bot talks to, safe to log. */
    public String describe() {
        return url.getSchema() + "://" + url.getHost() + ":" + url.getPort();
    }

    /** The text with the bot token blanked out: the token sits in every Bot API URL, and URLs end up in errors. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(token, "<token>").replace(URLEncoder.encode(token, StandardCharsets.UTF_8), "<token>");
    }

    /** Abandons the long poll in flight (shutdown); sends are left to finish. */
    void cancelPolls() {
        pollHttp.dispatcher().cancelAll();
    }

    @Override
    public void close() {
        pollHttp.dispatcher().cancelAll();
        sendHttp.dispatcher().cancelAll();
        fileHttp.dispatcher().cancelAll();
        callThreads.shutdownNow();
        sendHttp.connectionPool().evictAll();
    }
}
