package sohbet.app;

import sohbet.app.AppConfig.ConfigException;
import sohbet.core.BusinessHours;

/**
 * Away mode: the hours someone answers (BUSINESS_HOURS) and the automatic reply outside them
 * (AWAY_REPLY), in Turkish (AWAY_MESSAGE) and for browsers that prefer English (AWAY_MESSAGE_EN).
 */
public record AwaySettings(BusinessHours businessHours, String message, String messageEn, boolean reply) {
    public static final String DEFAULT_MESSAGE = "Merhaba! Şu an buralarda değiliz; mesajınızı aldık ve en kısa sürede yanıtlayacağız. "
            + "E-posta adresinizi bırakırsanız size oradan da dönebiliriz.";
    /** The automatic reply for visitors whose browser prefers English. */
    public static final String DEFAULT_MESSAGE_EN = "Hello! We are away right now; we got your message and will answer as soon as we can. "
            + "If you leave your email address, we can also reply there.";

    static AwaySettings from(Env env) {
        BusinessHours hours = hours(env.orNull("BUSINESS_HOURS"));
        String message = env.get("AWAY_MESSAGE", DEFAULT_MESSAGE);
        boolean reply = env.onOff("AWAY_REPLY", "on");
        return new AwaySettings(hours, message, env.get("AWAY_MESSAGE_EN", DEFAULT_MESSAGE_EN), reply);
    }

    private static BusinessHours hours(String spec) {
        try {
            return BusinessHours.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("BUSINESS_HOURS: " + e.getMessage());
        }
    }
}
