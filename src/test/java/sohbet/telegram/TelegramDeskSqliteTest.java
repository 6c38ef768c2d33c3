package sohbet.telegram;

import sohbet.support.TestDatabase;

class TelegramDeskSqliteTest extends TelegramDeskContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }
}
