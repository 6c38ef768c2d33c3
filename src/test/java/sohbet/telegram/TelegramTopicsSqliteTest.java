package sohbet.telegram;

import sohbet.support.TestDatabase;

class TelegramTopicsSqliteTest extends TelegramTopicsContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }
}
