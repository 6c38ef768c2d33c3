package sohbet.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sohbet.core.Message;
import sohbet.support.Eventually;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "continue the conversation" link of an answers mail, opened in another browser that has never
 * seen the chat (a phone, say): it lands on the same conversation, live, with the answer in it.
 */
class MailLinkBrowserTest extends BrowserTest {
    static GreenMail smtp;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        start(Map.of("SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "MAIL_FROM", "destek@example.com",
                "MAIL_DELAY_SECONDS", "1", "MAIL_BATCH_SECONDS", "2"), Chrome.Setup.TURKISH);
    }

    @AfterAll
    static void stopMail() {
        smtp.stop();
    }

    @Test
    void theMailLinkOpensTheConversationInABrowserThatNeverSawIt() throws Exception {
        Chrome phone = visitor;
        // The visitor wrote from a computer, left an address and went away.
        Web computer = app.newVisitorHttp();
        computer.post("/messages", Web.form("body", "Bilgisayardan soru", "client_id", "pc-1"));
        computer.post("/email", Web.form("email", "ziyaretci@example.org"));
        computer.get("/");
        long threadId = computer.threadId();
        app.app().chat().postText(threadId, Message.Sender.ADMIN, Message.Channel.WEB, "E-postayla gelen yanıt", null);

        Eventually.until("the mail", Duration.ofSeconds(15), () -> smtp.getReceivedMessages().length == 1);
        String text = (String) ((MimeMultipart) smtp.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
        Matcher link = Pattern.compile("(http://\\S+/mail/back\\?t=\\S+)").matcher(text);
        assertTrue(link.find(), text);

        phone.open(link.group(1));
        // The link asks first; the button continues the conversation on this device.
        phone.find("main form button").click();
        phone.waiting().until(d -> phone.messageTexts().size() == 2);
        assertEquals(List.of("Bilgisayardan soru", "E-postayla gelen yanıt"), phone.messageTexts());
        assertEquals(app.url("/"), phone.driver().getCurrentUrl());

        // Live, too: the next answer arrives on the phone without a reload.
        app.app().chat().postText(threadId, Message.Sender.ADMIN, Message.Channel.WEB, "Canlı ikinci yanıt", null);
        phone.waiting().until(d -> phone.messageTexts().contains("Canlı ikinci yanıt"));
    }
}
