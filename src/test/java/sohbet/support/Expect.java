package sohbet.support;

import java.net.http.HttpResponse;
import java.util.Arrays;

import org.hamcrest.Matcher;
import org.hamcrest.Matchers;

/** Short forms for what page tests check again and again: several pieces of text, and one header. */
public final class Expect {
    private Expect() {
    }

    /** Text containing every one of {@code parts}; a failure names each that is missing. */
    public static Matcher<String> hasAll(String... parts) {
        return Matchers.allOf(Arrays.stream(parts).<Matcher<? super String>>map(Matchers::containsString).toList());
    }

    /** Text containing none of {@code parts}. */
    public static Matcher<String> hasNone(String... parts) {
        return Matchers.allOf(Arrays.stream(parts).<Matcher<? super String>>map(p -> Matchers.not(Matchers.containsString(p))).toList());
    }

    /** The first value of a header that must be there. */
    public static String header(HttpResponse<?> res, String name) {
        return res.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header from " + res.uri()));
    }
}
