package sohbet.telegram;

import sohbet.support.TestDatabase;

class TelegramMediaPostgresTest extends TelegramMediaContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
