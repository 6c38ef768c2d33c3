package sohbet.telegram;

import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sohbet.core.ChatThread;
import sohbet.support.Eventually;
import sohbet.support.TestDatabase;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** An answer written in Telegram reaches a visitor who left by e-mail, like one from the panel. */
class TelegramAnswerByMailTest extends BridgeHarness {
    private GreenMail smtp;

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aReplyFromTelegramIsMailedWithLinksFromPublicUrl() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        restartApp(Map.of("SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "MAIL_FROM", "destek@example.com",
                "PUBLIC_URL", "https://chat.example.com", "MAIL_DELAY_SECONDS", "1", "MAIL_BATCH_SECONDS", "2"));

        ChatThread thread = forwardedThread();
        app.chat().leaveEmail(thread.id(), "ayse@example.org");
        fake.queueUpdates("getUpdates-reply-text.json");

        Eventually.until("the mail", java.time.Duration.ofSeconds(15), () -> smtp.getReceivedMessages().length >= 1);
        List<MimeMessage> mails = List.of(smtp.getReceivedMessages());
        assertThat(mails, hasSize(1));
        assertThat(mails.getFirst().getAllRecipients()[0].toString(), is("ayse@example.org"));
        String text = (String) ((MimeMultipart) mails.getFirst().getContent()).getBodyPart(0).getContent();
        assertThat(text, containsString("Merhaba Ayşe Hanım, kargonuz yarın teslim edilecek."));
        assertThat(text, containsString("https://chat.example.com/mail/back?t=" + thread.id() + "."));
    }
}
