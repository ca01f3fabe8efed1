package io.mailplatform.delivery.support;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of the delivery tests: real PostgreSQL, the embedded Kafka broker, and a
 * real DNS server for SPF and MX look-ups (a silent name fails after 5 s: five tries of 1 s), the
 * relay's remote servers behind static routes ({@link RelayFakes}) and a clock the relay tests move
 * ({@link OffsetClock}). Test classes extend this so they share it.
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mail.delivery.hostname=mx.example.test",
        "mail.store.postmaster=hostmaster@route.test",
        "mail.delivery.concurrency=2",
        "mail.delivery.retry.poll-interval=1h",
        "mail.delivery.dns.timeout=1s",
        "mail.delivery.dns.retries=4",
        "mail.delivery.spf.check-timeout=10s",
        "mail.delivery.spf.batch-wait=500ms",
        "mail.delivery.dmarc.reports.inbound-addresses=dmarc-rua@reports.test",
        // the relay's worker is driven by the relay tests (runOnce), so rows other tests queue stay put
        "mail.relay.enabled=false"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeliveryTestSupport {
    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected DirectoryService directory;
    @Autowired
    protected MailboxService mailboxes;
    @Autowired
    protected KafkaAdmin kafkaAdmin;
    @Autowired
    protected DeliveryProperties deliveryProperties;

    @DynamicPropertySource
    static void dns(DynamicPropertyRegistry registry) {
        registry.add("mail.delivery.dns.resolvers", StubDnsServerAccess::address);
        RelayFakes.register(registry);
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static Envelope fullEnvelope(String from, String client, String helo, String authenticatedUser,
            EnvelopeRecipient... recipients) {
        return new Envelope(EnvelopeId.next(), from, List.of(recipients), client, helo, authenticatedUser, null,
                Instant.now(), BodyType.EIGHT_BIT_MIME, false, null, null);
    }

    protected static Envelope envelope(String from, String... recipients) {
        return fullEnvelope(from, "192.0.2.1", "client.example.org", null,
                java.util.Arrays.stream(recipients).map(EnvelopeRecipient::of).toArray(EnvelopeRecipient[]::new));
    }

    /** Publishes as the gateway does, waiting for the broker's acknowledgement. */
    protected RecordMetadata publish(Envelope envelope, byte[] message) throws Exception {
        return publish(envelope, message, null);
    }

    /** Publishes to one partition. */
    protected RecordMetadata publish(Envelope envelope, byte[] message, Integer partition) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(MailTopics.INBOUND, partition, envelope.id(), message);
        record.headers().add(EnvelopeCodec.HEADER, EnvelopeCodec.encode(envelope));
        return kafka.send(record).get().getRecordMetadata();
    }

    /**
     * Waits until the delivery service committed its offset past this record: the record is handled
     * (stored, discarded by policy or dead-lettered), whatever happened to the records around it.
     */
    protected void awaitCommitted(RecordMetadata record) throws Exception {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await("offset commit past " + partition + "@" + record.offset(), () -> {
                try {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(deliveryProperties.groupId())
                            .partitionsToOffsetAndMetadata().get().get(partition);
                    return committed != null && committed.offset() > record.offset();
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until every (envelope, recipient) of the envelope id has been processed. */
    protected void awaitProcessed(String envelopeId, int rows) throws InterruptedException {
        await("deliveries of " + envelopeId, () -> jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id = ?")
                .param(envelopeId).query(Long.class).single() >= rows);
    }

    protected Account account(String address) throws Exception {
        return directory.findAccount(address).orElseGet(() -> {
            try {
                return directory.createAccount(address, "secret");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    protected void domain(String name) throws Exception {
        if (directory.findDomain(name).isEmpty()) {
            directory.createDomain(name);
        }
    }

    protected List<MessageMeta> messages(Account account, String mailbox) {
        return mailboxes.find(account.id(), mailbox).map(mailboxes::messages).orElse(List.of());
    }

    protected String text(Account account, String mailbox, long uid) {
        Mailbox box = mailboxes.require(account.id(), mailbox);
        return new String(mailboxes.content(box, uid).orElseThrow(), StandardCharsets.UTF_8);
    }
}
