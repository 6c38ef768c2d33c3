package sohbet.mail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SMTP_URL, MAIL_FROM, PUBLIC_URL and the two windows as an owner writes them, and the errors for the ones that cannot work. */
class MailSettingsTest {

    @Test
    void smtpWithEncodedCredentialsAndDefaultPorts() {
        SmtpSettings s = SmtpSettings.parse("smtp://apikey:p%40ss%3Aw%C3%B6rd%2F1+x@smtp.example.com:2525");
        assertThat(s.host(), is("smtp.example.com"));
        assertThat(s.port(), is(2525));
        assertThat(s.tls(), is(false));
        assertThat(s.user(), is("apikey"));
        assertThat("a + in a password is a plus, not a space", s.password(), is("p@ss:wörd/1+x"));
        assertThat(SmtpSettings.parse("smtp://u:p@mail.example.com").port(), is(587));
        SmtpSettings tls = SmtpSettings.parse("smtps://u%40example.com:secret@smtp.example.com");
        assertThat(tls.port(), is(465));
        assertThat(tls.tls(), is(true));
        assertThat(tls.user(), is("u@example.com"));
        assertThat("a relay without credentials", SmtpSettings.parse("smtp://relay.local:25").authenticates(), is(false));
    }

    @Test
    void thePasswordNeverShowsInTheSettingsText() {
        assertThat(SmtpSettings.parse("smtp://u:hunter2@h:587").toString(), not(containsString("hunter2")));
    }

    @Test
    void aBadSmtpUrlStopsTheStartNamingTheVariable() {
        for (String bad : new String[] {"http://h:25", "smtp://", "smtp://u:p@h:587/%zz bad", "smtp://:pw@h:587", "smtp://u:%zz@h"}) {
            var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("SMTP_URL", bad, "MAIL_FROM", "a@b.co")),
                    bad);
            assertThat(bad, e.getMessage(), containsString("SMTP_URL"));
        }
    }

    @Test
    void anUnencodedAtSignSaysHowToWriteIt() {
        var e = assertThrows(AppConfig.ConfigException.class,
                () -> AppConfig.from(Map.of("SMTP_URL", "smtp://me@example.com:secret@smtp.example.com:587", "MAIL_FROM", "a@b.co")));
        assertThat(e.getMessage(), containsString("%40"));
    }

    @Test
    void smtpWithoutASenderOrWithABadOneIsRefused() {
        var missing = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("SMTP_URL", "smtp://u:p@h:587")));
        assertThat(missing.getMessage(), containsString("MAIL_FROM"));
        var bad = assertThrows(AppConfig.ConfigException.class,
                () -> AppConfig.from(Map.of("SMTP_URL", "smtp://u:p@h:587", "MAIL_FROM", "not an address")));
        assertThat(bad.getMessage(), containsString("MAIL_FROM"));
    }

    @Test
    void aLoginIsSentOnlyOverTlsUnlessTheRelayIsOnThisMachine() {
        assertThat(SmtpMailer.loopback("127.0.0.1"), is(true));
        assertThat(SmtpMailer.loopback("localhost"), is(true));
        assertThat(SmtpMailer.loopback("[::1]"), is(true));
        assertThat(SmtpMailer.loopback("smtp.example.com"), is(false));
        assertThat("a name that merely starts like one is not", SmtpMailer.loopback("127.0.0.evil.example"), is(false));
    }

    @Test
    void productionWithMailNeedsPublicUrlSoLinksNeverFollowARequestsHost() {
        Map<String, String> prod = Map.of("APP_ENV", "production", "ADMIN_PASSWORD", "a-password-of-our-own", "ADMIN_OTP", "off",
                "SMTP_URL", "smtp://u:p@h:587", "MAIL_FROM", "support@example.com");
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(prod));
        assertThat(e.getMessage(), containsString("PUBLIC_URL"));
        var withUrl = new java.util.HashMap<>(prod);
        withUrl.put("PUBLIC_URL", "https://chat.example.com");
        assertThat(AppConfig.from(withUrl).publicUrl().orElseThrow(), is("https://chat.example.com"));
    }

    @Test
    void publicUrlMustBeAnHttpAddressAndLosesItsTrailingSlash() {
        assertThat(AppConfig.from(Map.of("PUBLIC_URL", "https://chat.example.com/")).publicUrl().orElseThrow(),
                is("https://chat.example.com"));
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("PUBLIC_URL", "chat.example.com")));
        assertThat(e.getMessage(), containsString("PUBLIC_URL"));
    }

    @Test
    void mailIsOffUnlessConfiguredAndTheWindowsDefaultToFiveAndFifteenMinutes() {
        AppConfig off = AppConfig.from(Map.of());
        assertThat(off.mail().smtp().isPresent(), is(false));
        assertThat(off.mail().delaySeconds(), is(300));
        assertThat(off.mail().batchSeconds(), is(900));
        assertThat(off.siteName(), is("Sohbet"));
        AppConfig on = AppConfig.from(Map.of("SMTP_URL", "smtps://u:p@smtp.example.com", "MAIL_FROM", "Shop <help@example.com>",
                "MAIL_DELAY_SECONDS", "60", "MAIL_BATCH_SECONDS", "120", "SITE_NAME", "Shop"));
        assertThat(on.mail().smtp().isPresent(), is(true));
        assertThat(on.mail().from().orElseThrow(), is("Shop <help@example.com>"));
        assertThat(on.mail().delaySeconds(), is(60));
        assertThat(on.mail().batchSeconds(), is(120));
        var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.from(Map.of("MAIL_DELAY_SECONDS", "soon")));
        assertThat(e.getMessage(), containsString("MAIL_DELAY_SECONDS"));
    }
}
