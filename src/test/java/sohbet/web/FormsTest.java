package sohbet.web;

import sohbet.core.BadRequest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormsTest {
    @Test
    void decodesUtf8PlusAndPercent() {
        Map<String, String> f = Forms.parse("body=%C3%A7ay+i%C3%A7elim%3F&client_id=a-1&empty=&flag".getBytes(StandardCharsets.US_ASCII));
        assertEquals("çay içelim?", f.get("body"));
        assertEquals("a-1", f.get("client_id"));
        assertEquals("", f.get("empty"));
        assertEquals("", f.get("flag"));
    }

    @Test
    void refusesInvalidUtf8InsteadOfReplacingIt() {
        BadRequest e = assertThrows(BadRequest.class, () -> Forms.parse("body=%FF%FE".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("error.badEncoding", e.key());
        assertEquals(400, e.status());
    }

    @Test
    void refusesBrokenPercentEscapes() {
        assertEquals("error.badForm", assertThrows(BadRequest.class, () -> Forms.parse("body=%G1".getBytes(StandardCharsets.US_ASCII))).key());
        assertEquals("error.badForm", assertThrows(BadRequest.class, () -> Forms.parse("body=%4".getBytes(StandardCharsets.US_ASCII))).key());
    }

    @Test
    void refusesNulCharactersThatNoFieldCanHold() {
        assertEquals("error.badEncoding", assertThrows(BadRequest.class, () -> Forms.parse("body=a%00b".getBytes(StandardCharsets.US_ASCII))).key());
    }

    @Test
    void theFirstOfRepeatedFieldsWins() {
        assertEquals("a", Forms.parse("x=a&x=b".getBytes(StandardCharsets.US_ASCII)).get("x"));
    }
}
