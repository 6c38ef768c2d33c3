package sohbet.telegram;

import sohbet.support.TestDatabase;

class TelegramMediaSqliteTest extends TelegramMediaContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }
}
