package io.mailplatform.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real outage of one test database, from the point of view of the application using it: new
 * connections are refused ({@code ALLOW_CONNECTIONS false}) and the open ones are terminated, so
 * pooled connections fail on their next use. Closing it lets connections in again. Other databases
 * of the test server (other application contexts) are not touched.
 */
public final class DatabaseOutage implements AutoCloseable {
    private final Connection admin;
    private final String database;

    private DatabaseOutage(Connection admin, String database) {
        this.admin = admin;
        this.database = database;
    }

    /** Cuts the database behind {@code dataSource} off until {@link #close()}. */
    public static DatabaseOutage begin(DataSource dataSource) {
        String database = new JdbcTemplate(dataSource).queryForObject("SELECT current_database()", String.class);
        DatabaseOutage outage;
        try {
            outage = new DatabaseOutage(TestPostgres.adminConnection(), database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test server to cut off " + database, e);
        }
        try {
            outage.allowConnections(false);
            try (PreparedStatement terminate = outage.admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                terminate.setString(1, database);
                terminate.executeQuery().close();
            }
            return outage;
        } catch (SQLException e) {
            outage.close();
            throw new IllegalStateException("cannot cut off database " + database, e);
        }
    }

    /**
     * Kills every open connection to the database behind {@code dataSource} with
     * {@code pg_terminate_backend}, as a PostgreSQL restart or a network cut would, without keeping
     * new ones out: pooled connections fail on their next use (a transaction in flight rolls back)
     * and the pool connects again. Returns how many were terminated.
     */
    public static int terminateConnections(DataSource dataSource) {
        String database = new JdbcTemplate(dataSource).queryForObject("SELECT current_database()", String.class);
        try (Connection admin = TestPostgres.adminConnection();
             PreparedStatement terminate = admin.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            try (var result = terminate.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the connections to " + database, e);
        }
    }

    private void allowConnections(boolean allow) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS " + allow);
        }
    }

    /** Ends the outage: the application's pool may connect again. */
    @Override
    public void close() {
        try (admin) {
            allowConnections(true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reconnect database " + database, e);
        }
    }
}
