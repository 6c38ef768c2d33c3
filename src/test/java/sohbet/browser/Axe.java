package sohbet.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * axe-core (test resources only) run inside the page a browser shows: the serious and critical
 * accessibility violations, and the text whose colour contrast axe could not decide (text over an
 * image, a gradient or a translucent layer it cannot see through), which would hide a real failure.
 */
final class Axe {
    private static final String SOURCE = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What axe found on the current page that a person would suffer from, one line each; empty when all is well. */
    @SuppressWarnings("unchecked")
    static List<String> problems(Chrome c) {
        if (!c.is("return !!window.axe")) {
            c.js(SOURCE);
        }
        return (List<String>) c.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations', 'incomplete'] }).then(r => {
                  const out = [];
                  for (const v of r.violations) {
                    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
                    for (const n of v.nodes) out.push(v.impact + ' ' + v.id + ': ' + n.target.join(' ') + ' | ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200));
                  }
                  for (const v of r.incomplete) {
                    if (v.id !== 'color-contrast') continue;
                    for (const n of v.nodes) out.push('undecided color-contrast: ' + n.target.join(' ') + ' | '
                        + ((n.any[0] && n.any[0].message) || '').replace(/\\s+/g, ' ').slice(0, 160));
                  }
                  done(out);
                }).catch(e => done(['axe failed: ' + e]));""");
    }

    /** Runs axe in the light and the dark colour scheme; each finding says which. */
    static List<String> inBothSchemes(Chrome c, String what) {
        List<String> out = new java.util.ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            c.darkMode(dark);
            for (String p : problems(c)) {
                out.add(what + " (" + (dark ? "dark" : "light") + "): " + p);
            }
        }
        c.darkMode(false);
        return out;
    }
}
