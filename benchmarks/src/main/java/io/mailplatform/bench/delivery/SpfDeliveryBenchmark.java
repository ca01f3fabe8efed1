package io.mailplatform.bench.delivery;

import io.mailplatform.bench.smtp.SmtpLoadDriver;
import io.mailplatform.embedded.EmbeddedKafkaBroker;
import io.mailplatform.embedded.EmbeddedPostgresServer;
import io.mailplatform.store.directory.DirectoryService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * SMTP to mailbox with SPF on and with SPF off (README, "Delivery with SPF"): for each mode a fresh
 * embedded PostgreSQL and KRaft broker, the SMTP gateway and the delivery service in one JVM, then
 * {@code --messages} messages of {@code --size} octets over {@code --sessions} SMTP sessions from one
 * sender, timed from the first connection until the last message is stored. SPF asks the DNS resolvers
 * of this machine (or {@code --resolvers}). The load comes from Postfix's {@code smtp-source} when
 * {@code --smtp-source PATH} is given, else from {@link SmtpLoadDriver}.
 *
 * <pre>
 * java ... io.mailplatform.bench.delivery.SpfDeliveryBenchmark --messages 2000 --size 2048 --sessions 10 --modes on,off
 * </pre>
 */
public final class SpfDeliveryBenchmark {
    private static final String RECIPIENT = "bench@example.test";

    private SpfDeliveryBenchmark() {
    }

    private record Run(String mode, int messages, double sendSeconds, double deliverSeconds) {
        double perSecond() {
            return messages / deliverSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        List<Run> runs = new ArrayList<>();
        for (String mode : options.getOrDefault("modes", "on,off").split(",")) {
            runs.add(run(mode.trim(), options));
        }
        System.out.printf(Locale.ROOT, "%n%s, %d cores, load average %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        for (Run run : runs) {
            System.out.printf(Locale.ROOT, "SPF %-3s: %d messages sent in %.2f s, all stored after %.2f s: %.0f messages/s%n",
                    run.mode(), run.messages(), run.sendSeconds(), run.deliverSeconds(), run.perSecond());
        }
        System.exit(0);
    }

    private static Run run(String mode, Map<String, String> options) throws Exception {
        int messages = Integer.parseInt(options.getOrDefault("messages", "2000"));
        int size = Integer.parseInt(options.getOrDefault("size", "2048"));
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "10"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        int port = Integer.parseInt(options.getOrDefault("port", "12525"));
        int kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "19392"));
        Path work = Files.createTempDirectory("spf-bench-" + mode);
        try {
            return run(mode, messages, size, sessions, warmup, port, kafkaPort, work, options);
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private static Run run(String mode, int messages, int size, int sessions, int warmup, int port, int kafkaPort, Path work,
            Map<String, String> options) throws Exception {
        Map<String, Object> properties = GatewayAndDelivery.properties(port);
        properties.put("mail.delivery.spf.enabled", mode.equals("on"));
        if (options.containsKey("resolvers")) {
            properties.put("mail.delivery.dns.resolvers", options.get("resolvers"));
        }
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.io.mailplatform", "WARN");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("pg"), kafkaPort + 2);
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), "127.0.0.1", kafkaPort,
                        kafkaPort + 1)) {
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayAndDelivery.class)
                    .properties(properties).run()) {
                DirectoryService directory = app.getBean(DirectoryService.class);
                directory.createDomain("example.test");
                directory.createAccount(RECIPIENT, "bench-secret");
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                byte[] body = SmtpLoadDriver.body(size);
                // warm-up (JIT, pools) from another sender, so the measured sender's SPF starts cold
                SmtpLoadDriver.run(new SmtpLoadDriver.Options("127.0.0.1", port, warmup, size, sessions, 0,
                        "warm@warmup.example", RECIPIENT), warmup, body);
                awaitStored(jdbc, warmup);
                long start = System.nanoTime();
                send(options, port, messages, size, sessions, body);
                double sent = (System.nanoTime() - start) / 1e9;
                awaitStored(jdbc, warmup + messages);
                double stored = (System.nanoTime() - start) / 1e9;
                Run run = new Run(mode, messages, sent, stored);
                System.out.printf(Locale.ROOT, "SPF %s: %.0f messages/s%n", mode, run.perSecond());
                return run;
            }
        }
    }

    private static void send(Map<String, String> options, int port, int messages, int size, int sessions, byte[] body)
            throws Exception {
        String smtpSource = options.get("smtp-source");
        if (smtpSource == null) {
            SmtpLoadDriver.Result result = SmtpLoadDriver.run(new SmtpLoadDriver.Options("127.0.0.1", port, messages, size,
                    sessions, 0, "load@example.org", RECIPIENT), messages, body);
            if (result.accepted() != messages) {
                throw new IllegalStateException(result.refused() + " messages refused");
            }
            return;
        }
        // -d: all messages of a session over one connection; -M: the HELO name
        Process process = new ProcessBuilder(smtpSource, "-d", "-s", Integer.toString(sessions), "-m",
                Integer.toString(messages), "-l", Integer.toString(size), "-f", "load@example.org", "-t", RECIPIENT,
                "-M", "load.example", "127.0.0.1:" + port).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("smtp-source failed: " + process.exitValue());
        }
    }

    private static void awaitStored(JdbcClient jdbc, int count) throws InterruptedException {
        while (jdbc.sql("SELECT count(*) FROM deliveries").query(Long.class).single() < count) {
            Thread.sleep(20);
        }
    }
}
