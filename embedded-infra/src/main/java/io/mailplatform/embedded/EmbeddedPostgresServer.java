package io.mailplatform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the binaries shipped on Maven Central, with its data directory kept
 * between runs. The platform's data lives in the database {@value #DATABASE}.
 *
 * <p>It listens on 127.0.0.1 only, and every connection, TCP or Unix socket, must authenticate
 * with the superuser's password (SCRAM-SHA-256), generated on first start and kept in the file
 * {@value #PASSWORD_FILE} of the data directory. The binaries' initdb always creates a cluster that
 * trusts every local connection; such a cluster, new or made by an earlier version of the platform,
 * is given a password and a strict {@code pg_hba.conf} at start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(30);
    public static final String USER = "postgres";
    public static final String DATABASE = "mail";
    public static final String PASSWORD_FILE = "superuser.password";
    private static final String LISTEN_ADDRESS = "127.0.0.1";
    private static final String HBA = """
            # Written by the mail platform: every connection authenticates with a password (SCRAM).
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            boolean existing = Files.exists(dataDirectory.resolve("PG_VERSION"));
            if (existing) {
                LeftoverPostmaster.stop(dataDirectory, LEFTOVER_STOP_WAIT);
            }
            Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
            boolean trusting = !existing || trustsConnections(dataDirectory.resolve("pg_hba.conf"));
            if (!trusting && !Files.exists(passwordFile)) {
                throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory + " requires a password, but "
                        + passwordFile + " is missing: restore that file (one line, the password of the user " + USER + ")");
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // zonky's default of 10 s is not enough for a cold start on a busy 2-core machine
                    .setPGStartupWait(STARTUP_WAIT)
                    .setPort(port)
                    .setServerConfig("listen_addresses", LISTEN_ADDRESS)
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "200")
                    // zonky turns synchronous_commit off (a test database's default): a 250 and an OK
                    // promise that the mail is on disk, so a crash must not take back a commit
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
            if (!trusting) {
                // zonky's readiness check connects as the superuser
                builder.setConnectConfig("password", SecretFile.password(passwordFile));
            }
            EmbeddedPostgres postgres = builder.start();
            // initdb ran inside start(): only now does the directory exist for the password file
            String password = SecretFile.password(passwordFile);
            if (trusting) {
                requirePasswords(postgres, dataDirectory, password);
            }
            log.info("embedded PostgreSQL on {}:{} with data in {} ({}), password authentication", LISTEN_ADDRESS, port,
                    dataDirectory, existing ? "existing data" : "new");
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, password);
            server.createDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded PostgreSQL", e);
        }
    }

    /** Whether any rule of the cluster's pg_hba.conf lets a connection in without a password (initdb's default). */
    static boolean trustsConnections(Path hba) throws IOException {
        List<String> lines = Files.readAllLines(hba, StandardCharsets.UTF_8);
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
    }

    /**
     * Sets the superuser's password (stored as a SCRAM verifier), then replaces the trusting rules
     * and reloads them; the password file was written before, so a crash in between repeats this
     * at the next start with the same password.
     */
    private static void requirePasswords(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // the password is URL-safe base64: nothing to quote
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            Path replacement = dataDirectory.resolve("pg_hba.conf.new");
            Files.writeString(replacement, HBA, StandardCharsets.UTF_8);
            Files.move(replacement, hba, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try (ResultSet reloaded = statement.executeQuery("SELECT pg_reload_conf()")) {
                reloaded.next();
            }
        }
        log.info("embedded PostgreSQL: password authentication required from now on (password in {})",
                dataDirectory.resolve(PASSWORD_FILE));
    }

    private void createDatabase() throws SQLException {
        try (Connection connection = dataSource("postgres").getConnection();
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            }
        }
    }

    /** A data source of the given database, as the superuser with the password. */
    public DataSource dataSource(String database) {
        return postgres.getDatabase(USER, database, Map.of("password", password));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + LISTEN_ADDRESS + ":" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
