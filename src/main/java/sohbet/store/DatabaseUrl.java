package sohbet.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A hosting provider's {@code postgres://user:pass@host:port/db?sslmode=...} turned into JDBC terms.
 * User and password are URL-decoded so passwords with reserved characters work.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, String sslMode) {

    public static DatabaseUrl parse(String url, boolean production) {
        if (url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("DATABASE_URL must look like postgresql://user:password@host:5432/dbname, not a jdbc: URL");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres:// or postgresql://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String sslMode = production ? "require" : "prefer";
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("sslmode=")) {
                    sslMode = decode(pair.substring(8));
                }
            }
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db + "?sslmode=" + sslMode;
        return new DatabaseUrl(jdbc, user, password, sslMode);
    }

    /**
     * A connection outside the pool, for work that must keep one session (LISTEN, a session lock).
     * Keepalive and short timeouts make a dead server show up as an exception, not a hang.
     */
    public java.sql.Connection connectDirect(String applicationName) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", "5");
        return java.sql.DriverManager.getConnection(jdbcUrl, p);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + "]";
    }
}
