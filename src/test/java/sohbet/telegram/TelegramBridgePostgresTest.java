package sohbet.telegram;

import sohbet.support.TestDatabase;

class TelegramBridgePostgresTest extends TelegramBridgeContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
