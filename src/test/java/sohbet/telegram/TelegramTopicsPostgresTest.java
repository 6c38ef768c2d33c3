package sohbet.telegram;

import sohbet.support.TestDatabase;

class TelegramTopicsPostgresTest extends TelegramTopicsContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
