package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.testsupport.TestDatabase;
import io.mailplatform.testsupport.TestKafka;
import io.mailplatform.testsupport.TestPostgres;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two platforms in one JVM, each with its own database and Kafka broker, A relaying to B over a
 * static route: mail submitted at A (STARTTLS and AUTH) is sent by A's relay as soon as it is
 * queued (A polls only hourly, so the queue's wake-up does it) and arrives in B's mailbox as A
 * stored it, byte for byte, below B's own {@code Received:} field, with A's on top of the original.
 * A route that leads back to A's own listener is an error, reported to the sender, not a delivery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayBetweenPlatformsTest {
    private static final String ALICE = "alice@a.test";
    private static final String BOB = "bob@b.test";
    private static final String PASSWORD = "relay secret";

    private final List<EmbeddedKafkaKraftBroker> brokers = new ArrayList<>();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A platform as main() runs it, on a database and a broker of its own. */
    private ConfigurableApplicationContext platform(String... settings) {
        TestDatabase database = TestPostgres.newDatabase();
        EmbeddedKafkaKraftBroker broker = TestKafka.separateBroker();
        brokers.add(broker);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--server.port=0", "--management.server.port=0",
                "--mail.smtp.submission-port=0", "--mail.smtp.submissions-port=0", "--mail.pop3.port=0",
                "--mail.pop3.tls-port=0", "--mail.imap.port=0", "--mail.imap.tls-port=0",
                "--mail.admin.password=admin-secret", "--mail.delivery.spf.enabled=false",
                "--mail.standalone.password=" + PASSWORD));
        if (database.username() != null) {
            args.add("--spring.datasource.username=" + database.username());
            args.add("--spring.datasource.password=" + database.password());
        }
        args.addAll(Arrays.stream(settings).map(s -> "--" + s).toList());
        SpringApplication application = new SpringApplication(StandaloneApplication.class);
        // the JVM's shared test broker announces itself in system properties; this platform has its own
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        application.setEnvironment(environment);
        return application.run(args.toArray(String[]::new));
    }

    @BeforeAll
    void start() throws IOException {
        b = platform("mail.smtp.mx-port=0", "mail.smtp.hostname=mx.b.test", "mail.delivery.hostname=mx.b.test",
                "mail.standalone.domain=b.test", "mail.standalone.account=" + BOB);
        int bMx = b.getBean(SmtpServer.class).port("smtp");
        int aMx = freePort();
        a = platform("mail.smtp.mx-port=" + aMx, "mail.smtp.hostname=mx.a.test", "mail.delivery.hostname=mx.a.test",
                "mail.standalone.domain=a.test", "mail.standalone.account=" + ALICE,
                "mail.relay.routes.b.test=127.0.0.1:" + bMx,
                "mail.relay.routes.loop.test=127.0.0.1:" + aMx, // A's own MX listener
                "mail.relay.poll-interval=1h");
    }

    @AfterAll
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {a, b}) {
            if (context != null) {
                context.close();
            }
        }
        brokers.forEach(EmbeddedKafkaKraftBroker::destroy);
    }

    private void submitAtA(String subject, String... to) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(ALICE));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("From A to B.\n.A line with a dot.\nBye.\n");
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", a.getBean(SmtpServer.class).port("submission"), ALICE, PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The stored content (without the per-copy trace prefix) of a message in an account's INBOX. */
    private static Optional<byte[]> content(ConfigurableApplicationContext platform, String account, String subject) {
        return platform.getBean(JdbcClient.class).sql("""
                SELECT c.raw FROM messages m JOIN mailboxes x ON x.id = m.mailbox_id JOIN accounts u ON u.id = x.account_id
                JOIN message_contents c ON c.id = m.content_id WHERE u.address = ? AND c.subject = ?""")
                .params(account, subject).query((rs, n) -> rs.getBytes(1)).optional();
    }

    private static String tracePrefix(ConfigurableApplicationContext platform, String account, String subject) {
        return platform.getBean(JdbcClient.class).sql("""
                SELECT convert_from(m.trace_prefix, 'UTF8') FROM messages m JOIN mailboxes x ON x.id = m.mailbox_id
                JOIN accounts u ON u.id = x.account_id JOIN message_contents c ON c.id = m.content_id
                WHERE u.address = ? AND c.subject = ?""").params(account, subject).query(String.class).single();
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Optional<T> found;
        while ((found = probe.get()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
        return found.get();
    }

    @Test
    void mailSubmittedAtAArrivesAtBAsAStoredItBelowBsReceivedField() throws Exception {
        String subject = "a to b " + UUID.randomUUID();
        // alice keeps a copy: the content A stores once for her copy and the queued one is what A's relay sends
        submitAtA(subject, BOB, ALICE);

        byte[] atA = await("alice's copy at A", () -> content(a, ALICE, subject));
        byte[] atB = await("bob's copy at B", () -> content(b, BOB, subject));

        assertThat(new String(atA, StandardCharsets.UTF_8)).startsWith("Received: from ").contains("by mx.a.test with ESMTPSA");
        assertThat(atB.length).isGreaterThan(atA.length);
        assertThat(Arrays.copyOfRange(atB, atB.length - atA.length, atB.length)).isEqualTo(atA);
        byte[] added = Arrays.copyOf(atB, atB.length - atA.length);
        List<HeaderField> fields = HeaderSection.fields(added, 0, added.length);
        // B checks DKIM and DMARC (SPF is off here): their results go on top, then B's own Received
        assertThat(fields).extracting(HeaderField::name).containsExactly("Authentication-Results", "Received");
        assertThat(new String(added, StandardCharsets.UTF_8)).contains("\tdkim=none", "by mx.b.test with ESMTP")
                .endsWith("\r\n");
        assertThat(tracePrefix(b, BOB, subject)).startsWith("Return-Path: <" + ALICE + ">\r\n");
        await("A's queue to empty", () -> a.getBean(JdbcClient.class).sql("SELECT count(*) FROM outbound_queue")
                .query(Long.class).single() == 0 ? Optional.of(true) : Optional.empty());
    }

    @Test
    void aRouteBackToOurOwnListenerIsReportedToTheSenderNotDelivered() throws Exception {
        String subject = "loop " + UUID.randomUUID();
        submitAtA(subject, "someone@loop.test");

        byte[] report = await("the report to alice", () -> a.getBean(JdbcClient.class).sql("""
                SELECT c.raw FROM messages m JOIN mailboxes x ON x.id = m.mailbox_id JOIN accounts u ON u.id = x.account_id
                JOIN message_contents c ON c.id = m.content_id
                WHERE u.address = ? AND c.subject = 'Undelivered Mail Returned to Sender'
                AND position(convert_to(?, 'UTF8') in c.raw) > 0""").params(ALICE, subject)
                .query((rs, n) -> rs.getBytes(1)).optional());
        assertThat(new String(report, StandardCharsets.UTF_8)).contains("Final-Recipient: rfc822; someone@loop.test",
                "Action: failed", "Status: 5.4.6", "loops back to myself");
    }
}
