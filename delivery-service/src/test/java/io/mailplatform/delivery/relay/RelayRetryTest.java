package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.relay.OutboundAttempt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Temporary failures over days, without waiting: the test moves the relay's clock. An attempt that
 * fails temporarily is kept with its host, reply and time and retried on the back-off schedule
 * (5 minutes, then doubling, ± 20 %); after four hours the sender hears once that delivery is
 * delayed; after five days the message fails with a DSN (5.4.7).
 */
class RelayRetryTest extends RelayTestSupport {

    @BeforeAll
    void provision() throws Exception {
        domain("relay-home.test");
    }

    @AfterEach
    void forgetTheOffset() {
        jdbc.sql("DELETE FROM outbound_queue").update(); // nothing may stay scheduled under the old offset
        clock.reset();
    }

    private Account sender() throws Exception {
        return account("r" + UUID.randomUUID().toString().substring(0, 8) + "@relay-home.test");
    }

    private Instant nextAttempt(String envelopeId) {
        return jdbc.sql("SELECT next_attempt FROM outbound_queue WHERE envelope_id = ?").param(envelopeId)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private int attemptsSoFar(String envelopeId) {
        return jdbc.sql("SELECT attempts FROM outbound_queue WHERE envelope_id = ?").param(envelopeId).query(Integer.class)
                .single();
    }

    @Test
    void temporaryFailuresAreRetriedOnTheScheduleUntilTheServerTakesTheMessage() throws Exception {
        Account sender = sender();
        String subject = "flaky " + UUID.randomUUID();
        String recipient = "x@" + RelayFakes.FLAKY;
        Envelope envelope = submission(sender.address(), recipients(recipient));
        queue(envelope, message(subject));

        relay.runOnce();
        Instant first = clock.instant();
        assertThat(attemptsSoFar(envelope.id())).isEqualTo(1);
        // 5 minutes ± 20 %
        assertThat(Duration.between(first, nextAttempt(envelope.id())).toSeconds()).isBetween(230L, 365L);
        List<OutboundAttempt> attempts = attempts(envelope.id(), recipient);
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.host()).isEqualTo("127.0.0.1[127.0.0.1]:" + RelayFakes.flaky().port());
            assertThat(a.status()).isEqualTo("4.3.0");
            assertThat(a.reply()).contains("451 4.3.0 try again later");
            assertThat(a.attemptedAt()).isCloseTo(first, within(5, ChronoUnit.SECONDS));
        });
        assertThat(jdbc.sql("SELECT last_error FROM outbound_queue WHERE envelope_id = ?").param(envelope.id())
                .query(String.class).single()).contains("451 4.3.0");

        // not due yet: nothing happens
        assertThat(relay.runOnce()).isZero();

        clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        assertThat(relay.runOnce()).isEqualTo(1);
        assertThat(attemptsSoFar(envelope.id())).isEqualTo(2);
        // the second wait doubles: 10 minutes ± 20 %
        assertThat(Duration.between(clock.instant(), nextAttempt(envelope.id())).toSeconds()).isBetween(470L, 725L);
        assertThat(attempts(envelope.id(), recipient)).hasSize(2);

        clock.advance(Duration.ofMinutes(12).plusSeconds(1));
        assertThat(relay.runOnce()).isEqualTo(1);
        assertThat(queued(envelope.id())).isZero();
        assertThat(received(RelayFakes.flaky(), subject)).hasSize(3).extracting(t -> t.reply().substring(0, 3))
                .containsExactly("451", "451", "250");
        assertThat(messages(sender, "INBOX")).isEmpty(); // no failure, no report
    }

    @Test
    void aSenderIsWarnedOnceWhenDeliveryTakesLongerThanFourHours() throws Exception {
        Account sender = sender();
        String recipient = "y@" + RelayFakes.DOWN;
        Envelope envelope = submission(sender.address(), recipients(recipient));
        queue(envelope, message("down " + UUID.randomUUID()));

        relay.runOnce();
        assertThat(messages(sender, "INBOX")).isEmpty();
        clock.advance(Duration.ofHours(4));
        assertThat(relay.runOnce()).isEqualTo(1);

        Dsn warning = dsn(awaitInbox(sender, 1));
        assertThat(warning.header("Subject")).isEqualTo("Delayed Mail (still being retried)");
        assertThat(warning.recipient(0, "Final-Recipient")).isEqualTo("rfc822; " + recipient);
        assertThat(warning.recipient(0, "Action")).isEqualTo("delayed");
        assertThat(warning.recipient(0, "Status")).isEqualTo("4.4.1");
        assertThat(warning.recipient(0, "Diagnostic-Code")).contains("cannot connect to");
        assertThat(warning.recipient(0, "Will-Retry-Until")).isNotBlank();
        assertThat(warning.returnedType()).isEqualTo("text/rfc822-headers");
        assertThat(queued(envelope.id())).isEqualTo(1);
        assertThat(attempts(envelope.id(), recipient)).hasSize(2)
                .allSatisfy(a -> assertThat(a.host()).startsWith("127.0.0.1[127.0.0.1]:"));

        clock.advance(Duration.ofHours(4));
        assertThat(relay.runOnce()).isEqualTo(1);
        assertThat(attemptsSoFar(envelope.id())).isEqualTo(3);
        assertThat(messages(sender, "INBOX")).hasSize(1); // once
    }

    @Test
    void afterFiveDaysTheMessageFailsWithADsnCarryingTheLastError() throws Exception {
        Account sender = sender();
        String recipient = "z@" + RelayFakes.DOWN;
        Envelope envelope = submission(sender.address(),
                new EnvelopeRecipient(recipient, Set.of(DsnNotify.FAILURE), null));
        queue(envelope, message("expiring " + UUID.randomUUID()));

        relay.runOnce();
        clock.advance(Duration.ofDays(4).plusHours(23));
        relay.runOnce();
        assertThat(queued(envelope.id())).isEqualTo(1);
        assertThat(messages(sender, "INBOX")).isEmpty(); // NOTIFY=FAILURE: no delay warning

        clock.advance(Duration.ofHours(1));
        assertThat(relay.runOnce()).isEqualTo(1);

        assertThat(queued(envelope.id())).isZero();
        Dsn dsn = dsn(awaitInbox(sender, 1));
        assertThat(dsn.header("Subject")).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(dsn.recipient(0, "Action")).isEqualTo("failed");
        assertThat(dsn.recipient(0, "Status")).isEqualTo("5.4.7");
        assertThat(dsn.recipient(0, "Diagnostic-Code")).contains("cannot connect to", "127.0.0.1");
    }
}
