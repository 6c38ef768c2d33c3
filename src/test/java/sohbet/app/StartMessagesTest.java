package sohbet.app;

import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the owner reads when a start fails or production mode refuses: the variable, the cause, and why production is on. */
class StartMessagesTest {
    private static final AppConfig PG = AppConfig.from(Map.of("DATABASE_URL", "postgresql://u@db.example:6543/app", "APP_ENV", "test"));

    @Test
    void aServerWithoutSslGetsTheSettingThatFixesIt() {
        var failure = new IllegalStateException("Cannot connect", new PSQLException("The server does not support SSL.", PSQLState.CONNECTION_REJECTED));
        assertEquals("DATABASE_URL: the server does not support SSL: add ?sslmode=disable to DATABASE_URL (only on a private network)",
                StartFailure.explain(failure, PG));
    }

    @Test
    void anUnknownHostIsNamed() {
        var failure = new IllegalStateException("Cannot connect",
                new PSQLException("The connection attempt failed.", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new UnknownHostException("db.example")));
        assertEquals("DATABASE_URL: unknown host 'db.example'", StartFailure.explain(failure, PG));
    }

    @Test
    void aWrongUserIsTheServersOwnWords() {
        var failure = new IllegalStateException("Cannot connect", new PSQLException("FATAL: role \"u\" does not exist", PSQLState.INVALID_AUTHORIZATION_SPECIFICATION));
        assertEquals("DATABASE_URL: role \"u\" does not exist", StartFailure.explain(failure, PG));
    }

    @Test
    void somethingUnforeseenStillFitsOnOneLineAndPointsAtTheDetails() {
        String line = StartFailure.explain(new IllegalStateException("outer", new ArithmeticException("odd")), AppConfig.from(Map.of()));
        assertEquals("could not start: ArithmeticException: odd (LOG_LEVEL=debug shows the details)", line);
    }

    @Test
    void theRefusalSaysWhatTurnedProductionOn() {
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("DATABASE_URL", "postgres://u:p@db:5432/x")));
        assertThat(e.getMessage(), containsString("Refusing to start in production (DATABASE_URL is set and APP_ENV is not development or test)"));
        assertEquals("RAILWAY_ENVIRONMENT=production", AppConfig.from(Map.of("RAILWAY_ENVIRONMENT", "production", "SECRET_KEY", "a-long-random-secret-value",
                "ADMIN_PASSWORD", "s3cret-Pass", "ADMIN_OTP", "off")).modeReason());
        assertEquals("no DATABASE_URL, RAILWAY_ENVIRONMENT=production or APP_ENV=production", AppConfig.from(Map.of()).modeReason());
    }

    @Test
    void newSettingsAreCheckedAtStart() {
        assertThat(assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("LOG_FORMAT", "xml"))).getMessage(),
                containsString("LOG_FORMAT must be text or json"));
        assertThat(assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("PRIVACY_URL", "javascript:alert(1)"))).getMessage(),
                containsString("PRIVACY_URL"));
        assertThat(assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("RETENTION_DAYS", "-1"))).getMessage(),
                containsString("RETENTION_DAYS"));
    }
}
