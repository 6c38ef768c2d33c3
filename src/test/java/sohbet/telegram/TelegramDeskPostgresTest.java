package sohbet.telegram;

import sohbet.support.TestDatabase;

class TelegramDeskPostgresTest extends TelegramDeskContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
