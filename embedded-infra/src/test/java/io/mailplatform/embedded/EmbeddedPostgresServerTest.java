package io.mailplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone platform's PostgreSQL: loopback only, a password for every connection, the same
 * password and data after a restart, and a cluster of an earlier version (which trusted every
 * local connection) given a password when started again.
 */
class EmbeddedPostgresServerTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void assertPasswordRequired(String url, String password) {
        // without a password the server asks for SCRAM, which the driver cannot answer (08004); a
        // wrong one PostgreSQL refuses (28P01 invalid_password)
        assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedPostgresServer.USER, null).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("SCRAM")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08004");
        assertThatThrownBy(() -> DriverManager.getConnection(url, EmbeddedPostgresServer.USER, password + "x").close())
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
    }

    @Test
    void aNewClusterListensOnLoopbackAndRequiresItsPasswordAlsoAfterARestart() throws Exception {
        Path data = dir.resolve("postgres");
        int port = freePort();
        String password;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, port)) {
            password = server.password();
            assertThat(Files.readString(data.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).trim()).isEqualTo(password);
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/mail");
            assertPasswordRequired(server.jdbcUrl(), password);
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), password)) {
                assertThat(query(connection, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(query(connection, "SHOW synchronous_commit")).as("commits are durable").isEqualTo("on");
                assertThat(query(connection, "SHOW fsync")).isEqualTo("on");
                assertThat(query(connection, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'"))
                        .startsWith("SCRAM-SHA-256$");
                connection.createStatement().execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('before')");
            }
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data, port)) {
            assertThat(again.password()).isEqualTo(password);
            assertPasswordRequired(again.jdbcUrl(), password);
            try (Connection connection = DriverManager.getConnection(again.jdbcUrl(), again.username(), password)) {
                assertThat(query(connection, "SELECT note FROM kept")).isEqualTo("before");
            }
        }
    }

    @Test
    void aServerLeftRunningByAKilledInstanceIsStoppedAndTheNewOneRunsWithTheCurrentSettings() throws Exception {
        Path data = dir.resolve("postgres");
        String password;
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data, freePort())) {
            password = first.password();
            try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), password)) {
                connection.createStatement().execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('acknowledged')");
            }
        }
        // another JVM starts the server on one port and is killed: its postmaster lives on
        Process instance = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), KilledInstance.class.getName(), data.toString(),
                String.valueOf(freePort())).redirectErrorStream(true).start();
        long leftoverPid;
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(instance.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = output.readLine()) != null && !line.equals("ready")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as(seen.toString()).isEqualTo("ready");
            instance.destroyForcibly().waitFor();
            leftoverPid = LeftoverPostmaster.running(data).orElseThrow().pid();
        }
        try {
            int port = freePort();
            try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data, port)) {
                assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive).orElse(false))
                        .as("the leftover server was stopped").isFalse();
                try (Connection connection = DriverManager.getConnection(again.jdbcUrl(), again.username(), password)) {
                    assertThat(query(connection, "SHOW port")).isEqualTo(String.valueOf(port));
                    assertThat(query(connection, "SELECT note FROM kept")).isEqualTo("acknowledged");
                }
            }
        } finally {
            ProcessHandle.of(leftoverPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aTrustingClusterOfAnEarlierVersionIsGivenAPasswordAndKeepsItsData() throws Exception {
        Path data = dir.resolve("old");
        int port = freePort();
        // what earlier versions left: initdb's "trust" rules, no password, the mail database with data
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setPort(port).start();
             Connection connection = old.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE DATABASE mail");
            try (Connection mail = old.getDatabase("postgres", "mail").getConnection()) {
                mail.createStatement().execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('from the old version')");
            }
        }
        assertThat(EmbeddedPostgresServer.trustsConnections(data.resolve("pg_hba.conf"))).isTrue();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, port)) {
            assertThat(EmbeddedPostgresServer.trustsConnections(data.resolve("pg_hba.conf"))).isFalse();
            assertPasswordRequired(server.jdbcUrl(), server.password());
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
                assertThat(query(connection, "SELECT note FROM kept")).isEqualTo("from the old version");
            }
        }
    }

    @Test
    void aProtectedClusterWhosePasswordFileIsLostSaysWhatIsMissing() throws Exception {
        Path data = dir.resolve("lost");
        int port = freePort();
        EmbeddedPostgresServer.start(data, port).close();
        Files.delete(data.resolve(EmbeddedPostgresServer.PASSWORD_FILE));
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(data, port))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("requires a password, but").hasMessageContaining(EmbeddedPostgresServer.PASSWORD_FILE);
    }
}
