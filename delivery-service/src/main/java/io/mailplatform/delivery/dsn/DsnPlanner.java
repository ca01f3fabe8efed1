package io.mailplatform.delivery.dsn;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.local.TraceFields;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.delivery.route.Resolution;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.MessageFlags;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns recipient statuses into a DSN addressed to the sender: delivered locally when the sender's
 * domain is ours, else queued for the relay. Never a DSN for the null reverse-path (RFC 3461 §6.2,
 * RFC 5321 §4.5.5). Which statuses are reported at all is {@link DsnPolicy}'s decision; here, a DSN
 * for an unverified sender that would fan out through a local list or an alias with several
 * targets is dropped (and logged): a notification reaches one mailbox or none.
 */
public final class DsnPlanner {
    private static final Logger log = LoggerFactory.getLogger(DsnPlanner.class);

    private final DsnGenerator generator;
    private final String hostname;
    private final Clock clock;
    private final MeterRegistry registry;

    /**
     * @param registry where {@code mail.delivery.reports} counts the recipient statuses reported, by
     *        {@code action} (RFC 3464 §2.3.3: {@code failed} is a bounce, {@code delayed} a delay warning),
     *        whether or not a DSN can be sent for them
     */
    public DsnPlanner(DsnGenerator generator, String hostname, Clock clock, MeterRegistry registry) {
        this.generator = generator;
        this.hostname = hostname;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * The DSN message for these statuses, or empty if nobody can receive it.
     *
     * @param suffix distinguishes several DSNs for one envelope; with the envelope id it forms the DSN's
     *        envelope id, so that a redelivered record produces no second DSN
     */
    public Optional<InboundMessage> plan(Envelope original, List<RecipientStatus> statuses, byte[] message,
            String suffix, RecipientResolver.Session routing) {
        return plan(original, statuses, message, true, suffix, routing);
    }

    /**
     * As {@link #plan(Envelope, List, byte[], String, RecipientResolver.Session)}, with the original
     * possibly cut to its header section ({@code complete} false), for messages too large to load.
     */
    public Optional<InboundMessage> plan(Envelope original, List<RecipientStatus> statuses, byte[] message,
            boolean complete, String suffix, RecipientResolver.Session routing) {
        for (RecipientStatus status : statuses) {
            registry.counter("mail.delivery.reports", "action", status.action()).increment();
        }
        if (statuses.isEmpty() || original.isNullReversePath()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byte[] dsn = generator.generate(original, statuses, message, complete, now);
        Envelope envelope = new Envelope(original.id() + "." + suffix, "",
                List.of(EnvelopeRecipient.of(original.reversePath())), null, hostname, null, null, now,
                BodyType.EIGHT_BIT_MIME, original.smtpUtf8(), null, null);
        String sender = original.reversePath();
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        List<InboundMessage.LocalCopy> local = new ArrayList<>();
        List<InboundMessage.RemoteCopy> remote = new ArrayList<>();
        if (!routing.isLocal(domain)) {
            remote.add(new InboundMessage.RemoteCopy(sender, domain, "", EnvelopeCodec.encode(envelope)));
        } else {
            Resolution resolution = routing.resolve(envelope).get(0);
            if (resolution.fannedOut() && !DsnPolicy.mayFanOut(original)) {
                log.warn("envelope {}: DSN to <{}> dropped: that address is a list or an alias with several targets,"
                        + " and the sender is not authenticated", original.id(), sender);
                return Optional.empty();
            }
            for (Account account : resolution.local()) {
                local.add(new InboundMessage.LocalCopy(account.address(), account.id(), "INBOX",
                        TraceFields.prefix("", account.address()), MessageFlags.NONE, account.quotaBytes(),
                        EnvelopeCodec.encode(envelope)));
            }
            for (String address : resolution.remote()) {
                remote.add(new InboundMessage.RemoteCopy(address, address.substring(address.lastIndexOf('@') + 1), "",
                        EnvelopeCodec.encode(envelope)));
            }
            if (local.isEmpty() && remote.isEmpty()) {
                // the sender itself cannot be reached: a DSN about a DSN is never sent (RFC 3461 §6.2)
                log.warn("envelope {}: DSN to <{}> undeliverable ({}), dropped after logging", original.id(), sender,
                        resolution.failure() == null ? "?" : resolution.failure().reply());
                return Optional.empty();
            }
        }
        return Optional.of(new InboundMessage(envelope.id(), dsn, now, local, remote));
    }
}
