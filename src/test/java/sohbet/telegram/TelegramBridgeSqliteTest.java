package sohbet.telegram;

import sohbet.support.TestDatabase;

class TelegramBridgeSqliteTest extends TelegramBridgeContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }
}
