package sohbet.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Multi-line HTML becomes one data: line per line, whatever line ends it uses. */
class EventSinkTest {

    private static String framed(String data) {
        StringBuilder b = new StringBuilder();
        EventSink.dataLines(b, data);
        return b.toString();
    }

    @Test
    void everyKindOfLineEndStartsANewDataLineAndATrailingOneIsDropped() {
        assertEquals("data:<li>\ndata:  a\ndata:\ndata:b</li>\n", framed("<li>\r\n  a\r\rb</li>\n\n"));
        assertEquals("data:one\n", framed("one"));
        assertEquals("data:\n", framed(""));
        assertEquals("data:x\ndata:y\n", framed("x\ny\r\n"));
    }
}
