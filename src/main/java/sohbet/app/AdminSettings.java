package sohbet.app;

import java.util.Optional;

import sohbet.app.AppConfig.ConfigException;

/**
 * The desk's one account: ADMIN_USERNAME with ADMIN_PASSWORD or ADMIN_PASSWORD_HASH, and ADMIN_OTP,
 * the sign-in code sent over Telegram after the password.
 */
public record AdminSettings(String username, String password, Optional<String> passwordHash, boolean otp) {
    public static final String DEFAULT_PASSWORD = "admin123";

    static AdminSettings from(Env env) {
        AdminSettings admin = new AdminSettings(
                env.get("ADMIN_USERNAME", "admin"),
                env.get("ADMIN_PASSWORD", DEFAULT_PASSWORD),
                env.get("ADMIN_PASSWORD_HASH"),
                env.onOff("ADMIN_OTP", "on"));
        if (admin.passwordHash.isPresent() && !sohbet.desk.auth.PasswordHash.wellFormed(admin.passwordHash.get())) {
            throw new ConfigException("ADMIN_PASSWORD_HASH is not a hash made by 'java -jar sohbet.jar hash-password'");
        }
        return admin;
    }

    /** Still the password every copy of the app ships with. */
    boolean usesDefaultPassword() {
        return password.equals(DEFAULT_PASSWORD) && passwordHash.isEmpty();
    }
}
