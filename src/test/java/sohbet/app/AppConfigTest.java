package sohbet.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppConfigTest {

    @Test
    void runsOnEmbeddedDefaultsWithNothingSet() {
        AppConfig c = AppConfig.from(Map.of());
        assertEquals(5000, c.port());
        assertEquals(Path.of("data/chat.db"), c.sqlitePath());
        assertEquals(Path.of("uploads"), c.media().uploadDir());
        assertEquals(16, c.media().maxUploadMb());
        assertEquals(ZoneId.of("Europe/Istanbul"), c.timezone());
        assertFalse(c.production());
        assertFalse(c.telegram().enabled());
    }

    @Test
    void productionRefusesTheDefaultSecretsAndNamesTheVariables() {
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("RAILWAY_ENVIRONMENT", "production")));
        assertThat(e.getMessage(), containsString("ADMIN_PASSWORD"));
        var shortKey = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("RAILWAY_ENVIRONMENT", "production",
                "SECRET_KEY", "too-short")));
        assertThat(shortKey.getMessage(), containsString("SECRET_KEY"));
        var onlyPassword = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(
                Map.of("DATABASE_URL", "postgres://u:p@db:5432/x", "SECRET_KEY", "a-long-random-secret-value")));
        assertThat(onlyPassword.getMessage(), containsString("ADMIN_PASSWORD"));
    }

    @Test
    void productionWithoutSecretKeyStartsOnAGeneratedKeyAndTheOldPublicKeyCountsAsUnset() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("RAILWAY_ENVIRONMENT", "production", "ADMIN_PASSWORD", "s3cret-Pass",
                "ADMIN_OTP", "off"));
        assertTrue(AppConfig.from(env).secretKey().isEmpty());
        env.put("SECRET_KEY", AppConfig.PUBLIC_SECRET_KEY);
        assertTrue(AppConfig.from(env).secretKey().isEmpty());
    }

    @Test
    void productionStartsWithItsOwnSecrets() {
        AppConfig c = AppConfig.from(Map.of("RAILWAY_ENVIRONMENT", "production", "SECRET_KEY", "a-long-random-secret-value",
                "ADMIN_PASSWORD", "s3cret-Pass", "TELEGRAM_BOT_TOKEN", "123:abc", "TELEGRAM_CHAT_ID", "42"));
        assertTrue(c.production());
        assertTrue(c.admin().otp());
    }

    @Test
    void productionWithoutABotNeedsTheCodeStepTurnedOffExplicitly() {
        Map<String, String> base = Map.of("RAILWAY_ENVIRONMENT", "production", "SECRET_KEY", "a-long-random-secret-value",
                "ADMIN_PASSWORD", "s3cret-Pass");
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(base));
        assertThat(e.getMessage(), containsString("TELEGRAM_BOT_TOKEN"));
        assertThat(e.getMessage(), containsString("ADMIN_OTP=off"));
        var withOff = new java.util.HashMap<>(base);
        withOff.put("ADMIN_OTP", "off");
        assertFalse(AppConfig.from(withOff).admin().otp());
    }

    @Test
    void aPasswordHashMustBeOneWeMade() {
        assertThat(assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("ADMIN_PASSWORD_HASH", "md5$abc"))).getMessage(),
                containsString("hash-password"));
        String hash = sohbet.desk.auth.PasswordHash.create("uzun-bir-şifre");
        assertEquals(hash, AppConfig.from(Map.of("ADMIN_PASSWORD_HASH", hash)).admin().passwordHash().orElseThrow());
    }

    @Test
    void aDatabaseUrlMeansProductionUnlessAppEnvSaysOtherwise() {
        Map<String, String> pg = Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1/test");
        assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(pg));
        assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(
                Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1/test", "RAILWAY_ENVIRONMENT", "staging")));
        assertFalse(AppConfig.from(Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1/test", "APP_ENV", "development")).production());
    }

    @Test
    void badNumbersAndZonesSayWhatIsWrong() {
        assertThat(assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("PORT", "http"))).getMessage(),
                containsString("PORT"));
        assertThat(assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("APP_TIMEZONE", "Mars/Base"))).getMessage(),
                containsString("APP_TIMEZONE"));
    }

    @Test
    void dotEnvFilesAreRead(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "# comment\nexport PORT=6000\nADMIN_USERNAME=\"ayse\"\nSECRET_KEY='x=y'\nbroken line\n");
        Map<String, String> values = Env.readDotEnv(env);
        assertEquals("6000", values.get("PORT"));
        assertEquals("ayse", values.get("ADMIN_USERNAME"));
        assertEquals("x=y", values.get("SECRET_KEY"));
        assertEquals(3, values.size());
    }
}
