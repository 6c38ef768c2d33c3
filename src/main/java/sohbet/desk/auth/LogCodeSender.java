package sohbet.desk.auth;

/** Development without a bot: the code goes to the log (production refuses to start this way unless ADMIN_OTP=off). */
public final class LogCodeSender implements CodeSender {
    @Override
    public boolean send(String text) {
        return false;
    }

    @Override
    public boolean delivers() {
        return false;
    }
}
