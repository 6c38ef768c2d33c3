package sohbet.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurements of what a person sees, taken in the page; and axe-core (test resources only) run there:
 * the serious and critical accessibility violations, and the text whose colour contrast axe could not
 * decide (text over an image, a gradient or a translucent layer it cannot see through), which would
 * hide a real failure.
 */
final class Layout {
    private static final String AXE = load();

    private Layout() {
    }

    /** The page scrolls sideways: a layout bug on a narrow screen. */
    static boolean overflowsSideways(Chrome c) {
        return c.is("const s = document.scrollingElement; return s.scrollWidth > s.clientWidth;");
    }

    /** What sticks out past the right edge, to say which element broke a narrow layout. */
    static List<String> widerThanScreen(Chrome c) {
        return c.strings("""
                const w = document.documentElement.clientWidth;
                return Array.from(document.querySelectorAll('body *'))
                  .filter(e => e.getBoundingClientRect().right > w + 0.5)
                  .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' right=' + Math.round(e.getBoundingClientRect().right))
                  .slice(0, 10);""");
    }

    /** Visible controls smaller than 44 x 44 CSS px (WCAG 2.5.5 target size), with their sizes. */
    static List<String> smallTapTargets(Chrome c) {
        return c.strings("""
                const sel = 'a[href], button, summary, input:not([type=hidden]), textarea, select';
                return Array.from(document.querySelectorAll(sel))
                  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
                                   && getComputedStyle(e).visibility !== 'hidden'; })
                  .map(e => ({ e, r: e.getBoundingClientRect() }))
                  .filter(x => x.r.width < 44 || x.r.height < 44)
                  .map(x => x.e.tagName + (x.e.id ? '#' + x.e.id : '') + ' "' + (x.e.textContent || '').trim().slice(0, 24) + '" '
                             + Math.round(x.r.width) + 'x' + Math.round(x.r.height));""");
    }

    /** The element is entirely inside the visible viewport (not cut off, not scrolled away). */
    static boolean inViewport(Chrome c, String css) {
        return c.is("""
                const e = document.querySelector(arguments[0]);
                if (!e) return false;
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
                    && r.bottom <= window.innerHeight + 0.5 && r.right <= window.innerWidth + 0.5;""", css);
    }

    /** The message box and its send button are both entirely on screen. */
    static boolean composeOnScreen(Chrome c) {
        return inViewport(c, "#body") && inViewport(c, "#compose button[type=submit]");
    }

    /** The newest message is scrolled into view inside the conversation's scrolling area. */
    static boolean newestMessageInView(Chrome c) {
        return c.is("""
                const li = document.querySelector('#messages li:last-child');
                if (!li) return false;
                const t = document.getElementById('thread').getBoundingClientRect();
                const r = li.getBoundingClientRect();
                return r.bottom <= t.bottom + 1 && r.top >= t.top - 1 && r.bottom <= window.innerHeight + 0.5;""");
    }

    /** Whether an element matching {@code css} is shown; a live re-render between finding and asking is simply asked again. */
    static boolean displayed(Chrome c, String css) {
        for (int attempt = 0; ; attempt++) {
            try {
                return c.all(css).stream().anyMatch(e -> e.isDisplayed());
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Text whose contrast with what is behind it is under WCAG AA (4.5:1, or 3:1 for large text),
     * placeholders included. Translucent layers (the glass cards, opacity) are composited over the
     * page's gradient, taking its worse end.
     */
    static List<String> lowContrast(Chrome c) {
        return c.strings("""
                const parse = s => { const m = s && s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                  const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
                const over = (t, b) => [0, 1, 2].map(i => t[i] * t[3] + b[i] * (1 - t[3])).concat([1]);
                const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                const lum = c => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
                const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
                const gradient = getComputedStyle(document.body).backgroundImage.match(/rgba?\\([^)]+\\)/g) || [];
                const bases = gradient.map(parse).concat([parse(getComputedStyle(document.body).backgroundColor)])
                  .filter(b => b && b[3] === 1);
                if (!bases.length) bases.push([255, 255, 255, 1]);
                const check = (el, color, what) => {
                  const cs = getComputedStyle(el);
                  const layers = []; let opacity = 1;
                  for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
                    const s = getComputedStyle(e);
                    opacity *= parseFloat(s.opacity);
                    const bg = parse(s.backgroundColor);
                    if (bg && bg[3] > 0) layers.push(bg);
                    if (bg && bg[3] === 1) break;
                  }
                  let worst = 99;
                  for (const base of bases) {
                    let bg = base;
                    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
                    const fg = parse(color);
                    worst = Math.min(worst, ratio(over([fg[0], fg[1], fg[2], fg[3] * opacity], bg), bg));
                  }
                  const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight, 10) >= 700;
                  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                  return worst < need ? [what + ' ' + worst.toFixed(2) + ':1 (needs ' + need + ')'] : [];
                };
                const out = [];
                for (const el of document.querySelectorAll('body *')) {
                  const r = el.getBoundingClientRect();
                  if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
                  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + Array.from(el.classList).join('.') : '');
                  if (Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
                    out.push(...check(el, getComputedStyle(el).color, name + ' "' + el.textContent.trim().slice(0, 20) + '"'));
                  if ((el.tagName === 'TEXTAREA' || el.tagName === 'INPUT') && el.placeholder)
                    out.push(...check(el, getComputedStyle(el, '::placeholder').color, name + '::placeholder'));
                }
                return out;""");
    }

    /** Form controls a screen reader could not name: no label, no aria-label. */
    static List<String> unlabelled(Chrome c) {
        return c.strings("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), textarea, select'))
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                  .map(e => e.tagName + (e.id ? '#' + e.id : '') + '[name=' + e.name + ']');""");
    }

    /** The focused element shows a focus ring of at least 2 px (outline or box-shadow). */
    static boolean focusVisible(Chrome c) {
        return c.is("""
                const e = document.activeElement;
                if (!e || e === document.body) return false;
                const s = getComputedStyle(e);
                return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';""");
    }

    private static String load() {
        try (InputStream in = Layout.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What axe-core found on the current page that a person would suffer from, one line each; empty when all is well. */
    @SuppressWarnings("unchecked")
    static List<String> axe(Chrome c) {
        if (!c.is("return !!window.axe")) {
            c.js(AXE);
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
    static List<String> axeInBothSchemes(Chrome c, String what) {
        List<String> out = new ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            c.darkMode(dark);
            for (String p : axe(c)) {
                out.add(what + " (" + (dark ? "dark" : "light") + "): " + p);
            }
        }
        c.darkMode(false);
        return out;
    }
}
