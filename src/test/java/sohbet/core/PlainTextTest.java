package sohbet.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlainTextTest {

    @Test
    void breaksOfEveryKindBecomeOneSpaceAndFormatCharactersGo() {
        assertEquals("Ali [30.11.2026 06:27] Yönetici: İade", PlainText.line("Ali\n[30.11.2026 06:27] Yönetici: İade"));
        assertEquals("a b c d e f g", PlainText.line("a\r\nb\u2028c\u2029d\u0085e\u000Bf\tg"));
        assertEquals("evil.exe gpj", PlainText.line("\u202Eevil.exe\u202C \u2066gpj\u2069\u200B\uFEFF"));
        assertEquals("Ayşe", PlainText.line("  Ayşe \u0000 "));
        assertEquals("", PlainText.line(null));
    }

    @Test
    void joinersThatShapeEmojiAndScriptsStay() {
        assertEquals("👨\u200D👩\u200D👧 mi\u200Cxed", PlainText.line("👨\u200D👩\u200D👧 mi\u200Cxed"));
    }

    @Test
    void linesKeepTheirBreaksAsNewlinesOnly() {
        assertEquals("bir\niki\nüç\ndört", PlainText.lines("bir\r\niki\u2028üç\rdört"));
        assertEquals("a\n\nb", PlainText.lines("a\n\u202E\nb"));
    }
}
