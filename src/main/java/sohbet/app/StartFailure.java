package sohbet.app;

import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What stopped the start, as one line for the owner: the variable to change and the real cause,
 * found in the exception's chain of causes. The stack trace is for LOG_LEVEL=debug only: a host's
 * log of a failed deploy should say what to do, not where in the code it noticed.
 */
final class StartFailure {
    private static final Pattern HOST_PORT = Pattern.compile("//([^/?]+)");

    private StartFailure() {
    }

    static String explain(Throwable failure, AppConfig config) {
        List<Throwable> chain = chain(failure);
        if (find(chain, BindException.class) != null) {
            return "port " + config.port() + " is already in use; set PORT to another port (or stop what is using it)";
        }
        if (config.databaseUrl().isPresent()) {
            String pg = postgres(chain, where(config));
            if (pg != null) {
                return "DATABASE_URL: " + pg;
            }
        }
        for (Throwable t : chain) {
            // Our own messages about a variable already name it ("Cannot create the folder for SQLITE_PATH …").
            String m = t.getMessage();
            if (m != null && m.matches("(?s).*\\b(SQLITE_PATH|UPLOAD_DIR|DATABASE_URL)\\b.*")) {
                return m;
            }
        }
        if (config.databaseUrl().isEmpty()) {
            for (Throwable t : chain) {
                if (t.getClass().getName().startsWith("org.sqlite.")) {
                    return "SQLITE_PATH (" + config.sqlitePath() + "): " + t.getMessage();
                }
            }
        }
        Throwable root = chain.getLast();
        return "could not start: " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                + (config.debug() ? "" : " (LOG_LEVEL=debug shows the details)");
    }

    /** The PostgreSQL driver's real reason, or null when the failure is not about connecting to it. */
    private static String postgres(List<Throwable> chain, String where) {
        UnknownHostException unknown = find(chain, UnknownHostException.class);
        if (unknown != null) {
            return "unknown host '" + unknown.getMessage() + "'";
        }
        if (find(chain, ConnectException.class) != null) {
            return "cannot reach the database server at " + where + " (connection refused: is PostgreSQL running there, and is the port right?)";
        }
        if (find(chain, SocketTimeoutException.class) != null) {
            return "no answer from the database server at " + where + " (timed out: check the host and the network)";
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException sql && t.getClass().getName().startsWith("org.postgresql")) {
                String message = String.valueOf(sql.getMessage()).replaceFirst("^(FATAL|ERROR): *", "");
                if (message.contains("does not support SSL")) {
                    return "the server does not support SSL: add ?sslmode=disable to DATABASE_URL (only on a private network)";
                }
                if (message.contains("no pg_hba.conf entry") && message.contains("no encryption")) {
                    return "the server requires SSL: add ?sslmode=require to DATABASE_URL";
                }
                return message;
            }
        }
        return null;
    }

    private static String where(AppConfig config) {
        try {
            Matcher m = HOST_PORT.matcher(sohbet.store.DatabaseUrl.parse(config.databaseUrl().orElseThrow(), config.production()).jdbcUrl());
            return m.find() ? m.group(1) : "the configured address";
        } catch (IllegalArgumentException e) {
            return "the configured address";
        }
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static <T extends Throwable> T find(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
