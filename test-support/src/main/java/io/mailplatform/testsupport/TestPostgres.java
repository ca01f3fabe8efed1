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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * <li>a Testcontainers PostgreSQL only when asked for with {@code MAIL_TEST_INFRA=testcontainers} (or the
 * system property {@code mail.test.infra}): a Docker engine that cannot pull the image would otherwise hang
 * the suite, so the container gets {@value #CONTAINER_START_SECONDS} seconds to start and then fails with
 * a clear message;</li>
 * <li>otherwise real PostgreSQL binaries from Maven Central, started embedded.</li>
 * </ol>
 * Every call to {@link #newDatabase()} creates a new empty database on that server.
 */
public final class TestPostgres {
    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    static final int CONTAINER_START_SECONDS = 120;
    private static final String CONTAINER_IMAGE = "postgres:17-alpine";
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

    /** A connection to the server's administrative database, for work on a test database from outside it. */
    static Connection adminConnection() throws SQLException {
        Server s = server();
        return DriverManager.getConnection(s.adminUrl(), s.username(), s.password());
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
        String infra = System.getProperty("mail.test.infra", System.getenv("MAIL_TEST_INFRA"));
        if ("testcontainers".equalsIgnoreCase(infra)) {
            log.info("tests use a Testcontainers PostgreSQL ({})", CONTAINER_IMAGE);
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
        // Testcontainers waits without end for an image it cannot pull (no registry reachable): the
        // database's, and already while it looks for the engine, that of its reaper (testcontainers/ryuk)
        AtomicReference<PostgreSQLContainer> started = new AtomicReference<>();
        CompletableFuture<Void> start = CompletableFuture.runAsync(() -> {
            if (!dockerAvailable()) {
                throw new IllegalStateException("MAIL_TEST_INFRA=testcontainers but no Docker engine answers");
            }
            started.set(new PostgreSQLContainer(CONTAINER_IMAGE));
            started.get().start();
        });
        try {
            start.get(CONTAINER_START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            start.cancel(true);
            if (started.get() != null) {
                started.get().stop();
            }
            throw new IllegalStateException("the Testcontainers PostgreSQL (" + CONTAINER_IMAGE + ") did not start within "
                    + CONTAINER_START_SECONDS + " s: can the Docker engine pull or find the image (and Testcontainers'"
                    + " testcontainers/ryuk)? Unset MAIL_TEST_INFRA to use embedded PostgreSQL binaries instead");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Testcontainers PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Testcontainers PostgreSQL (" + CONTAINER_IMAGE + ") failed to start", e.getCause());
        }
        PostgreSQLContainer container = started.get();
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
                    .setPGStartupWait(Duration.ofSeconds(60)) // the default 10 s is tight on a busy machine
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
