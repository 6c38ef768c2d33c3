package sohbet.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import sohbet.web.Assets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * What the owner's site pays for the launcher before anyone opens it: embed.js as served, gzipped, at
 * most 3 KB; and it needs nothing the host page's CSP may forbid (eval, inline style attributes).
 */
class EmbedScriptTest {
    @Test
    void embedJsStaysUnderThreeKilobytesGzipped() {
        int size = Assets.standard().gzippedSize("embed.js");
        System.out.println("embed.js gzipped: " + size + " bytes");
        assertThat(size, lessThanOrEqualTo(3 * 1024));
    }

    @Test
    void embedJsUsesNoEvalAndNoStyleAttributes() throws IOException {
        String js;
        try (InputStream in = EmbedScriptTest.class.getClassLoader().getResourceAsStream("static/embed.js")) {
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String forbidden : new String[] {"eval(", "new Function", "setTimeout('", "setAttribute('style'", ".cssText", "innerHTML",
                "cssText", "import("}) {
            assertThat(js, not(containsString(forbidden)));
        }
    }
}
