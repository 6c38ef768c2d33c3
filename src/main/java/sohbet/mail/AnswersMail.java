package sohbet.mail;

import java.util.List;

import sohbet.core.Message;
import sohbet.web.I18n;
import sohbet.web.Templates;

/**
 * Writes the mail that carries the admin's new answers to a visitor: plain text and HTML, in the
 * visitor's language. Answers are the visitor's and admin's own text: the HTML template escapes them.
 */
final class AnswersMail {
    private final Templates templates;
    private final String siteName;

    AnswersMail(Templates templates, String siteName) {
        this.templates = templates;
        this.siteName = siteName;
    }

    MailContent compose(I18n t, String to, String visitorName, List<Message> answers, String backUrl, String unsubscribeUrl) {
        List<String> texts = answers.stream().map(m -> text(t, m)).toList();
        String subject = t.t("mail.subject", siteName);
        String greeting = t.t("mail.greeting", visitorName);
        String intro = t.t("mail.intro", siteName);
        String footer = t.t("mail.footer", siteName);
        StringBuilder text = new StringBuilder();
        text.append(greeting).append("\n\n").append(intro).append("\n\n");
        for (String answer : texts) {
            text.append(answer.indent(2).stripTrailing()).append("\n\n");
        }
        text.append(t.t("mail.continue")).append(":\n").append(backUrl).append('\n')
                .append(t.t("mail.linkNote")).append("\n\n-- \n")
                .append(footer).append('\n')
                .append(t.t("mail.unsubscribe")).append(":\n").append(unsubscribeUrl).append('\n');
        String html = templates.render("mail/answers.jte", new AnswersMailView(t.lang(), subject, greeting, intro, texts,
                t.t("mail.continue"), backUrl, t.t("mail.linkNote"), t.t("mail.unsubscribe"), unsubscribeUrl, footer));
        return new MailContent(to, subject, text.toString(), html, unsubscribeUrl);
    }

    /** An answer's text; a photo, recording or file is named (the mail carries no attachments), with its caption. */
    private static String text(I18n t, Message m) {
        if (m.kind() == Message.Kind.TEXT) {
            return m.body();
        }
        String label = t.t("mail.media." + m.kind().name());
        return m.body() == null || m.body().isBlank() ? label : label + " " + m.body();
    }
}
