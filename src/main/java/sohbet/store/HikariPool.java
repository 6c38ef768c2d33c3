package sohbet.store;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

/** Helidon DbClient's pool contract over HikariCP (Helidon 4 ships no Hikari module we can use). */
final class HikariPool implements JdbcConnectionPool {
    private final HikariDataSource dataSource;
    private final String dbType;

    HikariPool(HikariDataSource dataSource, String dbType) {
        this.dataSource = dataSource;
        this.dbType = dbType;
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("No database connection: " + e.getMessage(), e);
        }
    }

    @Override
    public String dbType() {
        return dbType;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }
}
