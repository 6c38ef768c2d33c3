package sohbet.browser;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.Sohbet;
import sohbet.support.Eventually;
import sohbet.support.TestDatabase;
import sohbet.support.Web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "continue the conversation" link of an answers mail, opened in another browser that has never
 * seen the chat (a phone, say): it lands on the same conversation, live, with the answer in it.
 */
class MailLinkBrowserTest {

    @Test
    void theMailLinkOpensTheConversationInABrowserThatNeverSawIt() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.SQLITE)) {
            Map<String, String> env = new HashMap<>(db.env());
            env.put("SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort());
            env.put("MAIL_FROM", "destek@example.com");
            env.put("MAIL_DELAY_SECONDS", "1");
            env.put("MAIL_BATCH_SECONDS", "2");
            try (Sohbet app = new Sohbet(AppConfig.from(env), Clock.systemUTC(),
                    new Sohbet.Timing(Duration.ofSeconds(2), Duration.ofMillis(300), 64)).start();
                 Chrome phone = Chrome.start(Chrome.Setup.turkish())) {
                // The visitor wrote from a computer, left an address and went away.
                Web computer = new Web(URI.create("http://127.0.0.1:" + app.port()));
                computer.get("/");
                computer.post("/messages", Web.form("body", "Bilgisayardan soru", "client_id", "pc-1"));
                computer.post("/email", Web.form("email", "ziyaretci@example.org"));
                computer.get("/");
                long threadId = Long.parseLong(computer.cookie("sohbet_visitor").split("\\.")[0]);
                app.chat().postText(threadId, sohbet.core.Message.Sender.ADMIN, sohbet.core.Message.Channel.WEB, "E-postayla gelen yanıt",
                        null);

                Eventually.until("the mail", Duration.ofSeconds(15), () -> smtp.getReceivedMessages().length == 1);
                String text = (String) ((MimeMultipart) smtp.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
                Matcher link = Pattern.compile("(http://\\S+/mail/back\\?t=\\S+)").matcher(text);
                assertTrue(link.find(), text);

                phone.open(link.group(1));
                // The link asks first; the button continues the conversation on this device.
                phone.driver().findElement(org.openqa.selenium.By.cssSelector("main form button")).click();
                phone.waiting().until(d -> phone.messageTexts().size() == 2);
                assertEquals(List.of("Bilgisayardan soru", "E-postayla gelen yanıt"), phone.messageTexts());
                assertEquals("http://127.0.0.1:" + app.port() + "/", phone.driver().getCurrentUrl());

                // Live, too: the next answer arrives on the phone without a reload.
                app.chat().postText(threadId, sohbet.core.Message.Sender.ADMIN, sohbet.core.Message.Channel.WEB, "Canlı ikinci yanıt", null);
                phone.waiting().until(d -> phone.messageTexts().contains("Canlı ikinci yanıt"));
                assertEquals(List.of(), phone.problems());
            }
        } finally {
            smtp.stop();
        }
    }
}
