package sohbet.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class I18nTest {
    @Test
    void turkishUnlessEnglishIsPreferred() {
        assertEquals("tr", I18n.fromAcceptLanguage(null).lang());
        assertEquals("tr", I18n.fromAcceptLanguage("de-DE,de;q=0.9").lang());
        assertEquals("en", I18n.fromAcceptLanguage("en-GB,en;q=0.9").lang());
        assertEquals("tr", I18n.fromAcceptLanguage("tr-TR,tr;q=0.9,en;q=0.8").lang());
        assertEquals("en", I18n.fromAcceptLanguage("de;q=1,en;q=0.7,tr;q=0.3").lang());
        assertEquals("tr", I18n.fromAcceptLanguage("en;q=0,tr;q=0.1").lang());
        assertEquals("tr", I18n.fromAcceptLanguage("en;q=abc").lang());
    }

    @Test
    void aHeaderOfBarePunctuationFallsBackToTurkishInsteadOfFailing() {
        // Each of these once threw (an empty split), which answered 500 to any request carrying it.
        for (String header : new String[] {";", "-", ";,-", "en,;", " ; ;", "-;q=1", "en-GB, -"}) {
            assertEquals(header.startsWith("en") ? "en" : "tr", I18n.fromAcceptLanguage(header).lang(), header);
        }
    }

    @Test
    void bothBundlesHaveTheSameKeys() {
        assertEquals(keys(I18n.TR), keys(I18n.EN));
    }

    private static java.util.Set<String> keys(I18n t) {
        try {
            var f = I18n.class.getDeclaredField("strings");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            var m = (java.util.Map<String, String>) f.get(t);
            return m.keySet();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
