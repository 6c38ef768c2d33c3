package sohbet.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where mail goes, from {@code SMTP_URL}: {@code smtp://user:pass@host:587} (STARTTLS when the server
 * offers it) or {@code smtps://user:pass@host:465} (TLS from the first byte). User and password are
 * URL-encoded in the address ({@code @} as {@code %40}). The password never appears in {@link #toString()}.
 */
public record SmtpSettings(String host, int port, boolean tls, String user, String password) {

    /** Reads an SMTP_URL; a bad one is refused with what is wrong and what it should look like. */
    public static SmtpSettings parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL (" + e.getReason() + "); expected smtp://USER:PASSWORD@HOST:587 or "
                    + "smtps://USER:PASSWORD@HOST:465, with special characters in USER and PASSWORD URL-encoded");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException("must start with smtp:// or smtps://, got '" + scheme + "'");
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        if (authority.indexOf('@') != authority.lastIndexOf('@')) {
            throw new IllegalArgumentException("has an @ inside the user name or password: write it there as %40");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host; expected " + scheme + "://USER:PASSWORD@HOST:PORT");
        }
        boolean tls = scheme.equals("smtps");
        int port = uri.getPort() < 0 ? (tls ? 465 : 587) : uri.getPort();
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
            if (user.isEmpty()) {
                throw new IllegalArgumentException("has a password but no user name");
            }
        }
        return new SmtpSettings(uri.getHost(), port, tls, user, password);
    }

    public boolean authenticates() {
        return user != null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a badly URL-encoded user or password (" + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + (tls ? "smtps" : "smtp") + "://" + (user == null ? "" : user + ":***@") + host + ":" + port + "]";
    }
}
