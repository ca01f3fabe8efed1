package io.mailplatform.bench.pop3;

import io.mailplatform.pop3.Pop3ServiceApplication;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.TestDatabase;
import io.mailplatform.testsupport.TestKafka;
import io.mailplatform.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Retrieves a maildrop of 1,000 messages of 10 KiB over POP3 and reports messages/s and MiB/s
 * (message octets, as LIST counts them). It starts the POP3 service itself on a fresh database of
 * the test PostgreSQL ({@code MAIL_TEST_DATABASE_URL}, else embedded binaries) and the embedded
 * Kafka broker, fills the INBOX through the mailbox service, then for each mode runs warm-up rounds
 * and measured rounds of one session each: log in, RETR every message, QUIT without deleting.
 *
 * <p>Modes: {@code plain} (one RETR at a time, waiting for each message, like most clients),
 * {@code pipelined} (all RETRs sent at once, RFC 2449 PIPELINING) and {@code tls} (one at a time
 * over implicit TLS, port 995). Arguments: {@code messages=1000 size=10240 rounds=5 warmup=2}.
 */
public final class Pop3RetrieveBenchmark {
    private static final String ADDRESS = "bench@bench.test";
    private static final String PASSWORD = "bench-password";

    private Pop3RetrieveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            run(args);
            status = 0;
        } finally {
            // the embedded broker's threads would keep the JVM alive
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, Integer> options = new HashMap<>(Map.of("messages", 1000, "size", 10 * 1024, "rounds", 5, "warmup", 2));
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], Integer.parseInt(pair[1]));
        }
        int messages = options.get("messages");
        int size = options.get("size");

        TestDatabase database = TestPostgres.newDatabase();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        if (database.username() != null) {
            properties.put("spring.datasource.username", database.username());
            properties.put("spring.datasource.password", database.password());
        }
        properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        properties.put("mail.pop3.port", 0);
        properties.put("mail.pop3.tls-port", 0);
        properties.put("mail.pop3.bind-address", "127.0.0.1");
        properties.put("mail.pop3.allow-plaintext-auth", true);
        properties.put("logging.level.root", "WARN");
        // the webmail module is on the classpath too (through standalone); no HTTP server here
        properties.put("spring.main.web-application-type", "none");
        SpringApplication application = new SpringApplication(Pop3ServiceApplication.class);
        application.setDefaultProperties(properties);
        try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off")) {
            long stored = fill(context, messages, size);
            Pop3Server server = context.getBean(Pop3Server.class);
            System.out.printf(Locale.ROOT, "POP3 retrieval: %d messages of %d octets (%.1f MiB) on %d cores, Java %s%n",
                    messages, size, stored / 1048576.0, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));

            long firstLogin = Pop3BenchClient.timeLogin(server.port("pop3"), ADDRESS, PASSWORD);
            long laterLogin = Pop3BenchClient.timeLogin(server.port("pop3"), ADDRESS, PASSWORD);
            System.out.printf(Locale.ROOT, "login: first %.0f ms (CRLF sizes counted and remembered), then %.0f ms%n",
                    firstLogin / 1e6, laterLogin / 1e6);

            for (String mode : List.of("plain", "pipelined", "tls")) {
                List<Pop3BenchClient.Round> rounds = new ArrayList<>();
                for (int i = 0; i < options.get("warmup") + options.get("rounds"); i++) {
                    Pop3BenchClient client = mode.equals("tls") ? Pop3BenchClient.tls(server.port("pop3s"))
                            : Pop3BenchClient.plain(server.port("pop3"));
                    Pop3BenchClient.Round round = client.retrieveAll(ADDRESS, PASSWORD, mode.equals("pipelined"));
                    if (round.messages() != messages) {
                        throw new IllegalStateException("retrieved " + round.messages() + " of " + messages);
                    }
                    if (i >= options.get("warmup")) {
                        rounds.add(round);
                    }
                }
                report(mode, rounds);
            }
        }
    }

    private static void report(String mode, List<Pop3BenchClient.Round> rounds) {
        double[] perSecond = rounds.stream().mapToDouble(r -> r.messages() / (r.nanos() / 1e9)).sorted().toArray();
        double[] mibPerSecond = rounds.stream().mapToDouble(r -> r.octets() / 1048576.0 / (r.nanos() / 1e9)).sorted()
                .toArray();
        System.out.printf(Locale.ROOT, "%-9s median %7.0f messages/s %6.1f MiB/s (min %.0f, max %.0f messages/s, %d rounds)%n",
                mode, median(perSecond), median(mibPerSecond), perSecond[0], perSecond[perSecond.length - 1],
                rounds.size());
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Creates the account and appends the messages; returns the octets stored. */
    private static long fill(ConfigurableApplicationContext context, int count, int size) throws Exception {
        DirectoryService directory = context.getBean(DirectoryService.class);
        MailboxService mailboxes = context.getBean(MailboxService.class);
        directory.createDomain("bench.test");
        Account account = directory.createAccount(ADDRESS, PASSWORD);
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        Random random = new Random(42);
        long octets = 0;
        for (int i = 1; i <= count; i++) {
            byte[] message = message(i, size, random);
            mailboxes.append(inbox, message, MessageFlags.NONE, Instant.now());
            octets += message.length;
        }
        return octets;
    }

    /** A text message of exactly {@code size} octets: header, then 72-character lines, a few starting with a dot. */
    static byte[] message(int number, int size, Random random) {
        StringBuilder text = new StringBuilder("From: sender@example.org\r\nTo: " + ADDRESS + "\r\nSubject: message "
                + number + "\r\nMessage-ID: <" + number + "@bench.test>\r\n\r\n");
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ";
        while (text.length() < size - 2) {
            int length = Math.min(72, size - 2 - text.length());
            StringBuilder line = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                line.append(i == 0 && random.nextInt(20) == 0 ? '.' : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            text.append(line).append("\r\n");
        }
        while (text.length() < size) {
            text.insert(text.length() - 2, 'x');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
