package io.mailplatform.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one entry point to a real PostgreSQL for tests (DESIGN.md, Tests): one server per test JVM,
 * chosen in this order:
 * <ol>
 * <li>an external server when {@code MAIL_TEST_DATABASE_URL} (or the system property
 * {@code mail.test.database.url}) gives a JDBC URL of a database the tests may create databases
 * from, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres};</li>
 * <li>a Testcontainers PostgreSQL when a Docker engine answers;</li>
 * <li>otherwise real PostgreSQL binaries from Maven Central, started embedded.</li>
 * </ol>
 * Every call to {@link #newDatabase()} creates a new empty database on that server.
 */
public final class TestPostgres {
    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile Server server;

    private TestPostgres() {
    }

    private record Server(String adminUrl, String username, String password, String urlPrefix, String urlSuffix) {
    }

    public static TestDatabase newDatabase() {
        Server s = server();
        String name = "mailtest_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(s.adminUrl(), s.username(), s.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(s.urlPrefix() + name + s.urlSuffix(), s.username(), s.password());
    }

    private static Server server() {
        Server s = server;
        if (s == null) {
            synchronized (TestPostgres.class) {
                s = server;
                if (s == null) {
                    s = start();
                    server = s;
                }
            }
        }
        return s;
    }

    private static Server start() {
        String external = System.getProperty("mail.test.database.url", System.getenv("MAIL_TEST_DATABASE_URL"));
        if (external != null && !external.isBlank()) {
            log.info("tests use the external PostgreSQL at {}", external.replaceAll("password=[^&]*", "password=***"));
            return external(external);
        }
        if (dockerAvailable()) {
            log.info("tests use a Testcontainers PostgreSQL");
            return container();
        }
        log.info("tests use embedded PostgreSQL binaries");
        return embedded();
    }

    private static Server external(String url) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        String prefix = url.substring(0, slash + 1);
        String suffix = query < 0 ? "" : url.substring(query);
        return new Server(url, null, null, prefix, suffix);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static Server container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        String url = container.getJdbcUrl();
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        String suffix = query < 0 ? "" : url.substring(query);
        return new Server(url, container.getUsername(), container.getPassword(), url.substring(0, slash + 1), suffix);
    }

    private static Server embedded() {
        try {
            // PostgreSQL refuses to run as root, so the binaries run as nobody: their directories must be readable by it
            Path base = Files.createTempDirectory("mailtest-pg", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(base.toFile())
                    .setDataDirectory(base.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is exiting anyway
                }
            }));
            String url = postgres.getJdbcUrl("postgres", "postgres");
            int slash = url.indexOf('/', "jdbc:postgresql://".length());
            int query = url.indexOf('?', slash);
            String suffix = query < 0 ? "" : url.substring(query);
            return new Server(url, "postgres", "postgres", url.substring(0, slash + 1), suffix);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }
}
