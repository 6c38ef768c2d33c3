package sohbet.mail;

import org.junit.jupiter.api.BeforeAll;
import sohbet.support.TestDatabase;

class EmailAnswersPostgresTest extends EmailAnswersContract {
    @BeforeAll
    static void startApp() {
        start(TestDatabase.Kind.POSTGRESQL);
    }
}
