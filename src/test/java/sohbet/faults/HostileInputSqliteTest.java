package sohbet.faults;

import sohbet.support.TestDatabase;

class HostileInputSqliteTest extends HostileInputContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }
}
