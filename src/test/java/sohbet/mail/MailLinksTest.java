package sohbet.mail;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import sohbet.support.MutableClock;
import sohbet.web.Signer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** The links in a mail: one conversation, seven days, signed with SECRET_KEY, and not interchangeable. */
class MailLinksTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final MailLinks links = new MailLinks(new Signer("test-secret-key-0123456789"), clock);

    @Test
    void aBackLinkNamesItsConversationForSevenDaysThenExpires() {
        String token = links.backToken(42);
        assertThat(token, startsWith("42."));
        assertThat(links.back(token), is(new MailLinks.Back.Valid(42)));
        clock.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(links.back(token), is(new MailLinks.Back.Valid(42)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(links.back(token), is(new MailLinks.Back.Expired()));
    }

    @Test
    void aChangedOrForeignLinkIsInvalid() {
        String token = links.backToken(42);
        String[] parts = token.split("\\.");
        assertThat("another conversation with the same signature", links.back("43." + parts[1] + "." + parts[2]),
                is(new MailLinks.Back.Invalid()));
        assertThat("a later expiry with the same signature", links.back(parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2]),
                is(new MailLinks.Back.Invalid()));
        MailLinks otherKey = new MailLinks(new Signer("another-secret-key-98765"), clock);
        assertThat(links.back(otherKey.backToken(42)), is(new MailLinks.Back.Invalid()));
        assertThat(links.back(""), is(new MailLinks.Back.Invalid()));
        assertThat(links.back("garbage"), is(new MailLinks.Back.Invalid()));
    }

    @Test
    void anUnsubscribeLinkCannotOpenTheConversationNorTheOtherWayRound() {
        String unsubscribe = links.unsubscribeToken(42);
        assertThat(links.unsubscribeThread(unsubscribe).orElseThrow(), is(42L));
        assertThat(links.back(unsubscribe), is(new MailLinks.Back.Invalid()));
        assertThat(links.unsubscribeThread(links.backToken(42)).isPresent(), is(false));
    }
}
