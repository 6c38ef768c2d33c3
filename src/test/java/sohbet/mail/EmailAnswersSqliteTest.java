package sohbet.mail;

import org.junit.jupiter.api.BeforeAll;
import sohbet.support.TestDatabase;

class EmailAnswersSqliteTest extends EmailAnswersContract {
    @BeforeAll
    static void startApp() {
        start(TestDatabase.Kind.SQLITE);
    }
}
