package io.mailplatform.bench.imap;

import io.mailplatform.imap.ImapServiceApplication;
import io.mailplatform.imap.idle.MailboxEventConsumer;
import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxImport;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.testsupport.TestDatabase;
import io.mailplatform.testsupport.TestKafka;
import io.mailplatform.testsupport.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The IMAP service alone, for benchmarks: PostgreSQL from test-support (the server named by
 * {@code MAIL_TEST_DATABASE_URL}, else embedded binaries; a fresh database each run) and the
 * embedded Kafka broker, plaintext login allowed (the benchmarks measure the server, not TLS), no
 * login throttling, connection limits raised to 20,000.
 *
 * <p>Run as a program (argument: Kafka bootstrap servers) it prints {@code READY <imap port> <imaps port>}, then answers commands on
 * standard input: {@code heap} (collect garbage, print the heap in use), {@code deliver} (append
 * a message to the benchmark INBOX), {@code quit}.
 */
public final class BenchImapServer implements AutoCloseable {
    public static final String ADDRESS = "bench@bench.test";
    public static final String PASSWORD = "bench-password";

    private final ConfigurableApplicationContext context;

    private BenchImapServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static BenchImapServer start() throws Exception {
        return start(TestKafka.bootstrapServers());
    }

    /** Starts the service with the given Kafka (a broker outside this JVM keeps its heap out of the measurements). */
    public static BenchImapServer start(String kafkaBootstrapServers) throws Exception {
        TestDatabase database = TestPostgres.newDatabase();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--mail.imap.port=0", "--mail.imap.tls-port=0", "--mail.imap.allow-plaintext-auth=true",
                "--mail.imap.limits.max-connections=20000", "--mail.imap.limits.max-connections-per-address=20000",
                "--mail.store.login-throttle.base-delay=0",
                // every benchmark client logs in from loopback, many at once
                "--mail.store.login-throttle.max-concurrent-per-address=20000",
                "--mail.store.login-throttle.max-concurrent-per-account=20000", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off", "--spring.main.web-application-type=none"));
        if (database.username() != null) {
            args.add("--spring.datasource.username=" + database.username());
            args.add("--spring.datasource.password=" + database.password());
        }
        ConfigurableApplicationContext context = SpringApplication.run(ImapServiceApplication.class,
                args.toArray(String[]::new));
        context.getBean(MailboxEventConsumer.class).awaitAssignment(Duration.ofSeconds(60));
        BenchImapServer server = new BenchImapServer(context);
        DirectoryService directory = context.getBean(DirectoryService.class);
        directory.createDomain("bench.test");
        directory.createAccount(ADDRESS, PASSWORD);
        return server;
    }

    public int port() {
        return context.getBean(ImapServer.class).port("imap");
    }

    public int tlsPort() {
        return context.getBean(ImapServer.class).port("imaps");
    }

    public Account account() {
        return context.getBean(DirectoryService.class).findAccount(ADDRESS).orElseThrow();
    }

    /** Creates a mailbox (or takes INBOX) and fills it with generated messages; returns the seconds it took. */
    public double fill(String mailboxName, int count, BenchMessages messages) {
        MailboxService mailboxes = context.getBean(MailboxService.class);
        Mailbox mailbox = mailboxes.find(account().id(), mailboxName)
                .orElseGet(() -> mailboxes.create(account().id(), mailboxName));
        MailboxImport importer = context.getBean(MailboxImport.class);
        long start = System.nanoTime();
        for (int from = 0; from < count; from += 10_000) {
            importer.importMessages(mailbox, messages.batch(from, Math.min(count, from + 10_000)));
        }
        // fresh planner statistics, as autovacuum would have them a little later on a live system
        context.getBean(JdbcClient.class).sql("ANALYZE messages").update();
        context.getBean(JdbcClient.class).sql("ANALYZE message_contents").update();
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        context.close();
    }

    /** @param args the Kafka bootstrap servers, or none for an embedded broker in this JVM */
    public static void main(String[] args) throws Exception {
        try (BenchImapServer server = args.length > 0 ? start(args[0]) : start()) {
            server.fill("INBOX", 10, new BenchMessages(1));
            System.out.println("READY " + server.port() + " " + server.tlsPort());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            int delivered = 0;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                if (line.equals("heap")) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(200);
                    }
                    System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                } else if (line.equals("deliver")) {
                    server.fill("INBOX", 1, new BenchMessages(1000 + delivered++));
                    System.out.println("DELIVERED");
                }
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
