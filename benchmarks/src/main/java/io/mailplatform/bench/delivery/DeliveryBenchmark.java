package io.mailplatform.bench.delivery;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.delivery.DeliveryServiceApplication;
import io.mailplatform.delivery.dns.DnsAnswer;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.dns.MailExchange;
import io.mailplatform.embedded.EmbeddedKafkaBroker;
import io.mailplatform.embedded.EmbeddedPostgresServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Load driver for the delivery service (README, "Delivery benchmark"). It starts a Kafka broker
 * and the delivery service, uses a fresh database on the given PostgreSQL (or an embedded one), and
 * measures:
 * <ol>
 * <li>throughput: {@code --messages} 10 KiB messages are published to {@code mail.inbound} while the
 * consumer is stopped, then the consumer starts and the time until every row is visible is taken;</li>
 * <li>latency: messages are published at {@code --rate} per second for {@code --seconds}; for each,
 * the time from the broker's acknowledgement (when the gateway answers 250) to its
 * {@code deliveries} row being visible (committed with the message rows) is measured.</li>
 * </ol>
 * SPF is checked for every message (unauthenticated MX traffic) against an in-memory DNS that
 * publishes the senders' record; with the SPF verdict cache most checks are cache hits.
 */
public final class DeliveryBenchmark {
    private static final String SENDER_DOMAIN = "sender.example";

    private DeliveryBenchmark() {
    }

    /** SPF's DNS for the benchmark: the sender domain authorizes 192.0.2.0/24. */
    @Configuration(proxyBeanMethods = false)
    static class BenchDns {
        @Bean
        @Primary
        DnsResolver benchDnsResolver() {
            return new DnsResolver() {
                private final Duration ttl = Duration.ofHours(1);

                @Override
                public DnsAnswer<String> txt(String name) {
                    return DnsAnswer.of(name.equalsIgnoreCase(SENDER_DOMAIN) ? List.of("v=spf1 ip4:192.0.2.0/24 -all")
                            : List.of(), ttl);
                }

                @Override
                public DnsAnswer<InetAddress> addresses(String name, boolean ipv6) {
                    return DnsAnswer.of(List.of(), ttl);
                }

                @Override
                public DnsAnswer<MailExchange> mx(String name) {
                    return DnsAnswer.of(List.of(), ttl);
                }

                @Override
                public DnsAnswer<String> ptr(String name) {
                    return DnsAnswer.of(List.of(), ttl);
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "20000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int accounts = Integer.parseInt(options.getOrDefault("accounts", "50"));
        int kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "29292"));
        String concurrency = options.getOrDefault("concurrency", "2");
        String postgres = options.getOrDefault("postgres", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

        Path work = Files.createTempDirectory("delivery-bench");
        EmbeddedPostgresServer embedded = null;
        String adminUrl = postgres;
        if (postgres.equals("embedded")) {
            embedded = EmbeddedPostgresServer.start(work.resolve("pg"), kafkaPort + 2);
            adminUrl = embedded.jdbcUrl() + "?user=" + embedded.username() + "&password=" + embedded.password();
        }
        String database = "mailbench_" + System.currentTimeMillis();
        String jdbcUrl = createDatabase(adminUrl, database);
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), "127.0.0.1", kafkaPort,
                kafkaPort + 1)) {
            ConfigurableApplicationContext app = new SpringApplicationBuilder(DeliveryServiceApplication.class, BenchDns.class)
                    .properties(Map.of("spring.datasource.url", jdbcUrl,
                            "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                            "mail.delivery.concurrency", concurrency,
                            "mail.delivery.hostname", "mx.bench.test",
                            "spring.datasource.hikari.maximum-pool-size", "8",
                            "logging.level.root", "WARN",
                            "logging.level.io.mailplatform", "WARN",
                            "spring.main.web-application-type", "none"))
                    .run();
            try {
                run(app, kafka.bootstrapServers(), messages, rate, seconds, accounts, concurrency);
            } finally {
                app.close();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext app, String bootstrap, int messages, int rate, int seconds,
            int accountCount, String concurrency) throws Exception {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        List<String> recipients = provision(jdbc, accountCount);
        MessageListenerContainer consumer = app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("inbound");
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            // warm-up: JIT, connection pool, SPF cache
            publishPaced(producer, jdbc, "W", 2_000, 500, recipients, false);

            consumer.stop();
            long published = publishAll(producer, "T", messages, recipients);
            long start = System.nanoTime();
            consumer.start();
            while (count(jdbc, "T%") < messages) {
                Thread.sleep(20);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "throughput: %d messages of %d bytes published in %.1f s, delivered in %.2f s: %.0f messages/s%n",
                    messages, SampleMessages.TARGET_SIZE, published / 1e9, elapsed, messages / elapsed);

            long[] latencies = publishPaced(producer, jdbc, "L", rate * seconds, rate, recipients, true);
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "latency at %d messages/s for %d s (%d messages), publish ack to row visible:"
                            + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", rate, seconds, latencies.length,
                    percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                    latencies[latencies.length - 1] / 1e6);
            System.out.printf(Locale.ROOT, "setup: %d recipient accounts, %s consumer threads, %d cores, %s%n", accountCount,
                    concurrency, Runtime.getRuntime().availableProcessors(), Instant.now());
        }
    }

    private static List<String> provision(JdbcClient jdbc, int count) {
        long domain = jdbc.sql("INSERT INTO domains (name) VALUES ('bench.test') RETURNING id").query(Long.class).single();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = "user" + i + "@bench.test";
            long id = jdbc.sql("INSERT INTO accounts (domain_id, address, password_hash) VALUES (?, ?, '{noop}x') RETURNING id")
                    .params(domain, address).query(Long.class).single();
            for (String mailbox : List.of("INBOX", "Junk")) {
                jdbc.sql("INSERT INTO mailboxes (account_id, name) VALUES (?, ?)").params(id, mailbox).update();
            }
            recipients.add(address);
        }
        return recipients;
    }

    private static ProducerRecord<String, byte[]> record(String id, long sequence, List<String> recipients) {
        String to = recipients.get((int) (sequence % recipients.size()));
        String from = "sender" + (sequence % 13) + "@" + SENDER_DOMAIN;
        Envelope envelope = new Envelope(id, from, List.of(EnvelopeRecipient.of(to)), "192.0.2.10", "mail." + SENDER_DOMAIN,
                null, new Envelope.TlsInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384"), Instant.now(), BodyType.EIGHT_BIT_MIME,
                false, null, null);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(MailTopics.INBOUND, id,
                SampleMessages.message(sequence, from, to, id));
        record.headers().add(EnvelopeCodec.HEADER, EnvelopeCodec.encode(envelope));
        return record;
    }

    /** Publishes as fast as the broker acknowledges; returns the nanoseconds it took. */
    private static long publishAll(KafkaProducer<String, byte[]> producer, String prefix, int count, List<String> recipients)
            throws InterruptedException {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(id(prefix, i), i, recipients));
        }
        long start = System.nanoTime();
        CountDownLatch acked = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            producer.send(records.get(i), (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
                acked.countDown();
            });
        }
        acked.await();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records not acknowledged");
        }
        return System.nanoTime() - start;
    }

    /** Publishes at a fixed rate and measures, per message, publish acknowledgement to row visible. */
    private static long[] publishPaced(KafkaProducer<String, byte[]> producer, JdbcClient jdbc, String prefix, int count,
            int rate, List<String> recipients, boolean measure) throws InterruptedException {
        AtomicLongArray acked = new AtomicLongArray(count);
        long[] visible = new long[count];
        AtomicInteger sent = new AtomicInteger();
        Thread poller = new Thread(() -> {
            int firstOpen = 0;
            while (firstOpen < count) {
                List<String> open = new ArrayList<>();
                Map<String, Integer> index = new HashMap<>();
                int limit = sent.get();
                for (int i = firstOpen; i < limit; i++) {
                    if (visible[i] == 0 && acked.get(i) != 0) {
                        open.add(id(prefix, i));
                        index.put(id(prefix, i), i);
                    }
                }
                if (!open.isEmpty()) {
                    long now = System.nanoTime();
                    for (String id : jdbc.sql("SELECT envelope_id FROM deliveries WHERE envelope_id = ANY(?)")
                            .param(open.toArray(String[]::new)).query(String.class).list()) {
                        visible[index.get(id)] = now;
                    }
                }
                while (firstOpen < count && visible[firstOpen] != 0) {
                    firstOpen++;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "visibility-poller");
        // generated before the clock starts: building 10 KiB messages must not compete with the measured path
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(id(prefix, i), 1_000_000L + i, recipients));
        }
        poller.start();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int sequence = i;
            producer.send(records.get(i), (metadata, error) -> acked.set(sequence, error == null ? System.nanoTime() : -1));
            sent.set(i + 1);
        }
        poller.join(Duration.ofMinutes(5).toMillis());
        if (!measure) {
            return new long[0];
        }
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            latencies[i] = Math.max(0, visible[i] - acked.get(i));
        }
        return latencies;
    }

    private static String id(String prefix, int i) {
        return String.format(Locale.ROOT, "%s%08d", prefix, i);
    }

    private static long count(JdbcClient jdbc, String pattern) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id LIKE ?").param(pattern).query(Long.class).single();
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static String createDatabase(String adminUrl, String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("options are --name=value: " + arg);
            }
        }
        return options;
    }
}
