package io.mailplatform.delivery.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.relay.RelayWorker;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.relay.OutboundAttempt;
import io.mailplatform.store.relay.OutboundQueue;
import io.mailplatform.store.relay.RelayQueue;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the relay tests share (the same context as every delivery test): mail queued through the
 * real consumer, the worker driven pass by pass, the clock moved, and DSNs read back with mime4j.
 */
public abstract class RelayTestSupport extends DeliveryTestSupport {
    @Autowired
    protected RelayWorker relay;
    @Autowired
    protected OffsetClock clock;
    @Autowired
    protected RelayQueue relayQueue;
    @Autowired
    protected OutboundQueue outboundQueue;

    /** An authenticated submission by {@code from}. */
    protected static Envelope submission(String from, EnvelopeRecipient... recipients) {
        return submission(from, null, null, recipients);
    }

    protected static Envelope submission(String from, DsnReturn ret, String envid, EnvelopeRecipient... recipients) {
        return new Envelope(EnvelopeId.next(), from, List.of(recipients), "192.0.2.10", "client.example.org", from, null,
                Instant.now(), BodyType.EIGHT_BIT_MIME, false, ret, envid);
    }

    protected static EnvelopeRecipient[] recipients(String... addresses) {
        return Arrays.stream(addresses).map(EnvelopeRecipient::of).toArray(EnvelopeRecipient[]::new);
    }

    /** A small message whose Subject names the test, so its transactions can be told apart. */
    protected static byte[] message(String subject) {
        return bytes("From: sender@relay-home.test\r\nTo: someone@relay.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '.') + "@relay-home.test>\r\n\r\nHello,\r\n.a line with a dot\r\nbye\r\n");
    }

    /** Through Kafka and the consumer, as the gateway hands it over; waits until its recipients are queued or stored. */
    protected void queue(Envelope envelope, byte[] message) throws Exception {
        publish(envelope, message);
        awaitProcessed(envelope.id(), envelope.recipients().size());
    }

    protected long queued(String envelopeId) {
        return jdbc.sql("SELECT count(*) FROM outbound_queue WHERE envelope_id = ?").param(envelopeId).query(Long.class)
                .single();
    }

    protected long queueId(String envelopeId, String recipient) {
        return jdbc.sql("SELECT id FROM outbound_queue WHERE envelope_id = ? AND recipient = ?").params(envelopeId, recipient)
                .query(Long.class).single();
    }

    protected List<OutboundAttempt> attempts(String envelopeId, String recipient) {
        return outboundQueue.attempts(queueId(envelopeId, recipient));
    }

    /** The transactions a server took whose message holds {@code marker} (a Subject). */
    protected static List<ReceivedTransaction> received(FakeSmtpServer server, String marker) {
        return server.transactions().stream().filter(t -> t.content() != null && t.text().contains(marker)).toList();
    }

    /** The content a queued row points to, as stored. */
    protected byte[] queuedContent(String envelopeId) {
        return jdbc.sql("""
                SELECT c.raw FROM outbound_queue q JOIN message_contents c ON c.id = q.content_id
                WHERE q.envelope_id = ? LIMIT 1""").param(envelopeId).query((rs, n) -> rs.getBytes(1)).single();
    }

    /** Waits for the {@code n}-th message in the account's INBOX and returns it. */
    protected byte[] awaitInbox(Account account, int n) throws InterruptedException {
        await(n + " messages for " + account.address(), () -> messages(account, "INBOX").size() >= n);
        MessageMeta meta = messages(account, "INBOX").get(n - 1);
        return text(account, "INBOX", meta.uid()).getBytes(StandardCharsets.UTF_8);
    }

    /** A delivery status notification (RFC 3464) read back with mime4j, field by field. */
    protected record Dsn(Message message, Header perMessage, List<Header> perRecipient, String returnedType,
            byte[] returned) {

        /** A field of the report's own header. */
        public String header(String name) {
            return message.getHeader().getField(name) == null ? null : message.getHeader().getField(name).getBody();
        }

        public String perMessage(String name) {
            return perMessage.getField(name) == null ? null : perMessage.getField(name).getBody();
        }

        public String recipient(int index, String name) {
            Header block = perRecipient.get(index);
            return block.getField(name) == null ? null : block.getField(name).getBody();
        }
    }

    protected static Dsn dsn(byte[] octets) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        Message message = builder.parseMessage(new ByteArrayInputStream(octets));
        assertThat(message.getMimeType()).isEqualTo("multipart/report");
        assertThat(message.getHeader().getField("Content-Type").getBody()).contains("report-type=delivery-status");
        List<Entity> parts = ((Multipart) message.getBody()).getBodyParts();
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).getMimeType()).isEqualTo("text/plain");
        assertThat(parts.get(1).getMimeType()).isEqualTo("message/delivery-status");
        byte[] status = read((SingleBody) parts.get(1).getBody());
        // RFC 3464 §2.1: blocks of header-like fields separated by blank lines, the per-message one first
        List<Header> blocks = new ArrayList<>();
        for (String block : new String(status, StandardCharsets.UTF_8).split("\r\n\r\n")) {
            if (!block.isBlank()) {
                blocks.add(builder.parseHeader(new ByteArrayInputStream((block + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        Entity returned = parts.get(2);
        byte[] returnedOctets;
        if (returned.getBody() instanceof SingleBody single) {
            returnedOctets = read(single);
        } else {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            new org.apache.james.mime4j.message.DefaultMessageWriter().writeMessage((Message) returned.getBody(), out);
            returnedOctets = out.toByteArray();
        }
        return new Dsn(message, blocks.get(0), blocks.subList(1, blocks.size()), returned.getMimeType(), returnedOctets);
    }

    private static byte[] read(SingleBody body) throws IOException {
        try (InputStream in = body.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
