package sohbet.faults;

import sohbet.support.TestDatabase;

class HostileInputPostgresTest extends HostileInputContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
