package sohbet.mail;

import java.util.List;

/** What the HTML part of an answers mail shows; every string is plain text, escaped by the template. */
public record AnswersMailView(String lang, String subject, String greeting, String intro, List<String> answers, String continueLabel,
                              String backUrl, String linkNote, String unsubscribeLabel, String unsubscribeUrl, String footer) {
}
