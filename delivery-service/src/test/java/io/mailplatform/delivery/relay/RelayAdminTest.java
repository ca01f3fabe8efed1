package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.RelayProperties;
import io.mailplatform.delivery.dns.MxResolver;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.relay.OutboundQueue.Change;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What the admin API's changes (made through {@code OutboundQueue}, as the webmail API makes them)
 * do to the relay worker: a held entry is never claimed, a released one is sent, an entry deleted
 * with a report is reported by the relay through its own report path ("deleted by administrator")
 * and removed, and an entry under way cannot be changed. And the relay's meters move with what it does.
 */
class RelayAdminTest extends RelayTestSupport {
    @Autowired
    MeterRegistry registry;
    @Autowired
    RelayQueueGauges gauges;
    @Autowired
    RelayParts parts;
    @Autowired
    MxResolver mx;
    @Autowired
    OwnListeners ownListeners;

    /** Routed, in {@link #anEntryUnderWayCannotBeChanged}, to a server that pauses. */
    private static final String PAUSED = "paused.admin.test";

    @BeforeAll
    void provision() throws Exception {
        domain("relay-home.test");
    }

    @BeforeEach
    @AfterEach
    void emptyQueue() {
        jdbc.sql("DELETE FROM outbound_queue").update(); // runOnce takes every due entry, also other tests'
    }

    private Account sender() throws Exception {
        return account("adm" + UUID.randomUUID().toString().substring(0, 8) + "@relay-home.test");
    }

    private double count(String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private double sessions() {
        return registry.get(RelayMetrics.CONNECTIONS).counter().count();
    }

    private double depth(String state) {
        gauges.refresh();
        return registry.get(RelayQueueGauges.DEPTH).tag("state", state).gauge().value();
    }

    @Test
    void aHeldEntryIsNotSentUntilReleased() throws Exception {
        String subject = "held " + UUID.randomUUID();
        String recipient = "held@" + RelayFakes.ROUTED;
        Envelope envelope = submission(sender().address(), recipients(recipient));
        queue(envelope, message(subject));
        long id = queueId(envelope.id(), recipient);

        assertThat(outboundQueue.hold(id)).isEqualTo(Change.DONE);
        assertThat(depth("held")).isEqualTo(1);
        assertThat(relay.runOnce()).isZero();
        assertThat(received(RelayFakes.routed(), subject)).isEmpty();

        assertThat(outboundQueue.release(id)).isEqualTo(Change.DONE);
        assertThat(depth("held")).isZero();
        assertThat(depth("queued")).isEqualTo(1);
        assertThat(relay.runOnce()).isEqualTo(1);
        assertThat(received(RelayFakes.routed(), subject)).hasSize(1);
        assertThat(queued(envelope.id())).isZero();
        assertThat(outboundQueue.release(id)).isEqualTo(Change.NOT_FOUND);
    }

    @Test
    void anEntryDeletedWithAReportIsReportedByTheRelayAndRemoved() throws Exception {
        Account sender = sender();
        String recipient = "gone@" + RelayFakes.DOWN;
        Envelope envelope = submission(sender.address(), recipients(recipient));
        queue(envelope, message("deleted " + UUID.randomUUID()));
        long id = queueId(envelope.id(), recipient);
        relay.runOnce(); // the destination is down: deferred
        assertThat(attempts(envelope.id(), recipient)).hasSize(1);
        double failedReports = count(RelayMetrics.DSNS, "action", "failed");
        double connectionFailures = count(RelayMetrics.ATTEMPTS, "result", "connection");

        assertThat(outboundQueue.deleteWithReport(id)).isEqualTo(Change.DONE);
        assertThat(depth("bouncing")).isEqualTo(1);
        assertThat(relay.runOnce()).isEqualTo(1);

        assertThat(queued(envelope.id())).isZero();
        Dsn report = dsn(awaitInbox(sender, 1));
        assertThat(report.header("Subject")).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(report.header("From")).contains("MAILER-DAEMON@mx.example.test");
        assertThat(report.recipient(0, "Final-Recipient")).isEqualTo("rfc822; " + recipient);
        assertThat(report.recipient(0, "Action")).isEqualTo("failed");
        assertThat(report.recipient(0, "Status")).isEqualTo("5.0.0");
        assertThat(report.recipient(0, "Diagnostic-Code")).isEqualTo("smtp; 554 5.0.0 deleted by administrator");
        assertThat(report.returnedType()).isEqualTo("text/rfc822-headers"); // no RET=FULL
        // no host was tried for it
        assertThat(count(RelayMetrics.ATTEMPTS, "result", "connection")).isEqualTo(connectionFailures);
        assertThat(count(RelayMetrics.DSNS, "action", "failed")).isEqualTo(failedReports + 1);
    }

    @Test
    void aDeletionWithAReportHonoursNotifyNever() throws Exception {
        Account sender = sender();
        String recipient = "quiet@" + RelayFakes.DOWN;
        Envelope envelope = submission(sender.address(), new EnvelopeRecipient(recipient, Set.of(DsnNotify.NEVER), null));
        queue(envelope, message("quiet " + UUID.randomUUID()));
        assertThat(outboundQueue.deleteWithReport(queueId(envelope.id(), recipient))).isEqualTo(Change.DONE);

        assertThat(relay.runOnce()).isEqualTo(1);
        assertThat(queued(envelope.id())).isZero();
        assertThat(messages(sender, "INBOX")).isEmpty();
    }

    @Test
    void anEntryUnderWayCannotBeChanged() throws Exception {
        // a server of its own that stops reading the message until told: the shared one pauses only once
        try (FakeSmtpServer pausing = FakeSmtpServer.builder().extensions("8BITMIME").pauseDataAfter(10).start()) {
            RelayProperties settings = new Binder(new MapConfigurationPropertySource(
                    Map.of("mail.relay.routes." + PAUSED, "127.0.0.1:" + pausing.port())))
                    .bindOrCreate("mail.relay", RelayProperties.class);
            RelayParts own = new RelayParts(parts.queue(), parts.messageContents(),
                    new NextHopResolver(settings, mx, ownListeners), parts.client(), 10, parts.schedule(), parts.store(),
                    parts.transactions(), parts.resolver(), parts.dsn(), parts.metrics());
            String recipient = "slow@" + PAUSED;
            Envelope envelope = submission(sender().address(), recipients(recipient));
            queue(envelope, message("under way " + UUID.randomUUID()));
            long id = queueId(envelope.id(), recipient);
            try (RelayWorker worker = new RelayWorker(settings, 64 * 1024, own, clock, "admin-test")) {
                CompletableFuture<Integer> pass = CompletableFuture.supplyAsync(() -> {
                    try {
                        return worker.runOnce();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                try {
                    await("the message to be under way", pausing::dataPaused);
                    assertThat(depth("in-flight")).isEqualTo(1);
                    assertThat(outboundQueue.hold(id)).isEqualTo(Change.IN_FLIGHT);
                    assertThat(outboundQueue.retryNow(id)).isEqualTo(Change.IN_FLIGHT);
                    assertThat(outboundQueue.delete(id)).isEqualTo(Change.IN_FLIGHT);
                    assertThat(outboundQueue.deleteWithReport(id)).isEqualTo(Change.IN_FLIGHT);
                } finally {
                    pausing.resumeData();
                }
                assertThat(pass.get(1, TimeUnit.MINUTES)).isEqualTo(1);
            }
            assertThat(queued(envelope.id())).isZero(); // sent, as nothing was changed
            assertThat(pausing.accepted()).hasSize(1);
        }
    }

    @Test
    void theMetersMoveWithEachAttempt() throws Exception {
        double taken = count(RelayMetrics.ATTEMPTS, "result", "2xx");
        double refused = count(RelayMetrics.ATTEMPTS, "result", "5xx");
        double unreachable = count(RelayMetrics.ATTEMPTS, "result", "connection");
        double delivered = count(RelayMetrics.RECIPIENTS, "outcome", "delivered");
        double failed = count(RelayMetrics.RECIPIENTS, "outcome", "failed");
        double deferred = count(RelayMetrics.RECIPIENTS, "outcome", "deferred");
        double reports = count(RelayMetrics.DSNS, "action", "failed");
        double sessions = sessions();

        Account sender = sender();
        Envelope envelope = submission(sender.address(),
                recipients("one@" + RelayFakes.ROUTED, "two@" + RelayFakes.ROUTED, RelayFakes.REFUSED));
        queue(envelope, message("metered " + UUID.randomUUID()));
        Envelope later = submission(sender.address(), recipients("later@" + RelayFakes.DOWN));
        queue(later, message("metered later " + UUID.randomUUID()));
        assertThat(depth("queued")).isEqualTo(4);

        assertThat(relay.runOnce()).isEqualTo(4);

        assertThat(count(RelayMetrics.ATTEMPTS, "result", "2xx")).isEqualTo(taken + 2);
        assertThat(count(RelayMetrics.ATTEMPTS, "result", "5xx")).isEqualTo(refused + 1);
        assertThat(count(RelayMetrics.ATTEMPTS, "result", "connection")).isEqualTo(unreachable + 1);
        assertThat(count(RelayMetrics.RECIPIENTS, "outcome", "delivered")).isEqualTo(delivered + 2);
        assertThat(count(RelayMetrics.RECIPIENTS, "outcome", "failed")).isEqualTo(failed + 1);
        assertThat(count(RelayMetrics.RECIPIENTS, "outcome", "deferred")).isEqualTo(deferred + 1);
        assertThat(count(RelayMetrics.DSNS, "action", "failed")).isEqualTo(reports + 1);
        // one session to the routed server unless an idle one from an earlier test was reused
        assertThat(sessions()).isBetween(sessions, sessions + 1);
        assertThat(depth("deferred")).isEqualTo(1);
        assertThat(depth("queued")).isZero();
    }
}
