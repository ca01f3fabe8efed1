package io.mailplatform.delivery.local;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.log.LogFields;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.dkim.ArcSealing;
import io.mailplatform.delivery.dkim.DkimSigning;
import io.mailplatform.delivery.dmarc.DmarcReportIntake;
import io.mailplatform.delivery.dsn.DsnPlanner;
import io.mailplatform.delivery.dsn.DsnPolicy;
import io.mailplatform.delivery.dsn.RecipientStatus;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.delivery.route.Resolution;
import io.mailplatform.delivery.spf.SpfOutcome;
import io.mailplatform.delivery.spf.SpfResult;
import io.mailplatform.delivery.srs.SrsForwarding;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.BatchDeliveryResult;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.SpecialUse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Delivers a batch of accepted messages: SPF, DKIM and DMARC, routing, then one store transaction for the
 * messages whose checks are done (the others wait for a later round, see {@link AuthenticationStage}).
 * Each message's content is stored once, with the shared trace fields (Received-SPF,
 * Authentication-Results) in front; each local copy gets its own Return-Path and Delivered-To.
 * SPF never bounces: fail goes to Junk or is discarded by policy, softfail is marked with the
 * {@value #SOFTFAIL_KEYWORD} keyword, other results just carry the headers; mail failing DMARC under
 * p=quarantine or p=reject goes to Junk. What the sender is told
 * is {@link DsnPolicy}'s decision; the sender of mail that failed SPF is told nothing. Copies
 * forwarded to remote addresses are queued with an SRS reverse path ({@link SrsForwarding}); their
 * envelope keeps the sender's own, to which the relay's failure reports go.
 */
@Component
public class LocalDelivery {
    /** IMAP keyword marking mail whose SPF result is softfail. */
    public static final String SOFTFAIL_KEYWORD = "$SpfSoftfail";
    private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);

    private final RecipientResolver resolver;
    private final MailboxDelivery store;
    private final AuthenticationStage authentication;
    private final DsnPlanner dsn;
    private final DeliveryProperties properties;
    private final StoreTransactions transactions;
    private final SrsForwarding forwarding;
    private final DkimSigning signing;
    private final DmarcReportIntake dmarcReports;
    private final ArcSealing sealing;

    public LocalDelivery(RecipientResolver resolver, MailboxDelivery store, AuthenticationStage authentication, DsnPlanner dsn,
            DeliveryProperties properties, StoreTransactions transactions, SrsForwarding forwarding, DkimSigning signing,
            DmarcReportIntake dmarcReports, ArcSealing sealing) {
        this.resolver = resolver;
        this.store = store;
        this.authentication = authentication;
        this.dsn = dsn;
        this.properties = properties;
        this.transactions = transactions;
        this.forwarding = forwarding;
        this.signing = signing;
        this.dmarcReports = dmarcReports;
        this.sealing = sealing;
    }

    /** A recipient that asked for a DSN on success or delay (RFC 3461 NOTIFY=SUCCESS, DELAY). */
    private record Notice(Envelope envelope, EnvelopeRecipient recipient, byte[] original) {
    }

    /**
     * Delivers the messages of the batch whose SPF check is done, in one transaction (joining the
     * caller's, if any); the outcome says from which message on the batch must come again. Success and
     * delay DSNs asked for with NOTIFY are produced in the same transaction, once the store said which
     * copies were stored and which deferred, so a redelivered record reports nothing twice.
     */
    public BatchOutcome deliver(List<InboundMail> batch) {
        List<AuthenticationState> states = authentication.check(batch);
        List<InboundMail> ready = new ArrayList<>(batch.size());
        List<AuthenticationState> outcomes = new ArrayList<>(batch.size());
        int firstWaiting = -1;
        for (int i = 0; i < batch.size(); i++) {
            AuthenticationState state = states.get(i);
            if (state instanceof AuthenticationState.Running) {
                firstWaiting = firstWaiting < 0 ? i : firstWaiting;
            } else {
                ready.add(batch.get(i));
                outcomes.add(state);
            }
        }
        if (ready.isEmpty()) {
            return new BatchOutcome(ready, new BatchDeliveryResult(List.of(), List.of(), List.of(), 0), firstWaiting);
        }
        RecipientResolver.Session routing = resolver.session();
        routing.prefetch(ready.stream().map(InboundMail::envelope).toList());
        List<InboundMessage> messages = new ArrayList<>();
        Map<String, Notice> notices = new LinkedHashMap<>();
        DmarcReportIntake.Batch reporting = dmarcReports.batch();
        for (int i = 0; i < ready.size(); i++) {
            reporting.add(ready.get(i), outcomes.get(i));
            // what is logged about one message while it is routed carries its envelope id
            try (MDC.MDCCloseable field = MDC.putCloseable(LogFields.ENVELOPE_ID, ready.get(i).envelope().id())) {
                plan(ready.get(i), outcomes.get(i), routing, messages, notices);
            }
        }
        BatchDeliveryResult result = transactions.inTransaction(() -> {
            BatchDeliveryResult stored = store.deliver(messages);
            reporting.store();
            if (!notices.isEmpty()) {
                List<InboundMessage> reports = reports(stored, notices, routing);
                if (!reports.isEmpty()) {
                    store.deliver(reports);
                }
            }
            return stored;
        });
        for (BatchDeliveryResult.DeferredCopy deferred : result.deferred()) {
            log.info("envelope {}: {} is over quota, delivery deferred (452 4.2.2)", deferred.envelopeId(),
                    deferred.recipient());
        }
        return new BatchOutcome(ready, result, firstWaiting);
    }

    /** One "delivered" and one "delayed" DSN per envelope, for the recipients that asked (RFC 3461 §4.1). */
    private List<InboundMessage> reports(BatchDeliveryResult result, Map<String, Notice> notices,
            RecipientResolver.Session routing) {
        Map<String, List<RecipientStatus>> delivered = new LinkedHashMap<>();
        Map<String, List<RecipientStatus>> delayed = new LinkedHashMap<>();
        Map<String, Notice> byEnvelope = new LinkedHashMap<>();
        for (BatchDeliveryResult.StoredCopy copy : result.stored()) {
            Notice notice = notices.get(copy.envelopeId() + "\u0000" + copy.recipient());
            if (notice != null && DsnPolicy.wanted(notice.envelope(), notice.recipient(), DsnNotify.SUCCESS)) {
                byEnvelope.putIfAbsent(copy.envelopeId(), notice);
                delivered.computeIfAbsent(copy.envelopeId(), k -> new ArrayList<>()).add(new RecipientStatus(
                        notice.recipient().address(), notice.recipient().originalRecipient(), "delivered", "2.0.0",
                        "250 2.0.0 Delivered to the mailbox of " + copy.recipient()));
            }
        }
        for (BatchDeliveryResult.DeferredCopy copy : result.deferred()) {
            Notice notice = notices.get(copy.envelopeId() + "\u0000" + copy.recipient());
            if (notice != null && DsnPolicy.wanted(notice.envelope(), notice.recipient(), DsnNotify.DELAY)) {
                byEnvelope.putIfAbsent(copy.envelopeId(), notice);
                delayed.computeIfAbsent(copy.envelopeId(), k -> new ArrayList<>()).add(new RecipientStatus(
                        notice.recipient().address(), notice.recipient().originalRecipient(), "delayed", "4.2.2",
                        "452 4.2.2 Mailbox over quota; delivery will be retried"));
            }
        }
        List<InboundMessage> reports = new ArrayList<>();
        delivered.forEach((id, statuses) -> dsn.plan(byEnvelope.get(id).envelope(), statuses,
                byEnvelope.get(id).original(), "delivered", routing).ifPresent(reports::add));
        delayed.forEach((id, statuses) -> dsn.plan(byEnvelope.get(id).envelope(), statuses,
                byEnvelope.get(id).original(), "delayed", routing).ifPresent(reports::add));
        return reports;
    }

    private void plan(InboundMail mail, AuthenticationState authentication, RecipientResolver.Session routing,
            List<InboundMessage> messages, Map<String, Notice> notices) {
        Envelope envelope = mail.envelope();
        byte[] raw = mail.message();
        if (envelope.authenticatedUser() == null) {
            raw = TraceFields.renameForgedResults(raw, properties.hostname());
        } else if (properties.dkim().sign()) {
            // signed once for every copy, local and relayed, so all of them carry the same signature
            raw = signing.sign(raw);
        }
        SpfOutcome spfOutcome = null;
        boolean dmarcQuarantine = false;
        AuthenticationState.Checked checks = null;
        if (authentication instanceof AuthenticationState.Checked checked) {
            checks = checked;
            spfOutcome = checked.spf();
            // RFC 7489 §6.6.2: p=reject cannot be a refusal any more (the gateway has answered), so it quarantines too
            dmarcQuarantine = checked.dmarc() != null && checked.dmarc().quarantined();
            // RFC 7208 §9.1, RFC 8601 §4: prepended above the Received field of the gateway
            raw = TraceFields.concat(AuthenticationFields.render(checked, properties.hostname()), raw);
        }
        Map<String, InboundMessage.LocalCopy> local = new LinkedHashMap<>();
        Map<String, InboundMessage.RemoteCopy> remote = new LinkedHashMap<>();
        String forwarder = null;
        List<RecipientStatus> failures = new ArrayList<>();
        // RFC 7208 §8.4: the reverse path of mail that failed SPF is forged; whatever happens to it, it hears nothing
        boolean forged = spfOutcome != null && spfOutcome.result() == SpfResult.FAIL;
        for (Resolution resolution : routing.resolve(envelope)) {
            EnvelopeRecipient recipient = forged ? DsnPolicy.silenced(resolution.recipient()) : resolution.recipient();
            byte[] reduced = EnvelopeCodec.encode(reduce(envelope, recipient));
            if (resolution.failure() != null) {
                log.info("envelope {}: {} not delivered: {}", envelope.id(), recipient.address(), resolution.failure().reply());
                if (DsnPolicy.reported(envelope, recipient, resolution.failure())) {
                    failures.add(new RecipientStatus(recipient.address(), recipient.originalRecipient(), "failed",
                            resolution.failure().status(), resolution.failure().reply()));
                }
                continue;
            }
            for (Account account : resolution.local()) {
                String mailbox = SpecialUse.INBOX.defaultName();
                MessageFlags flags = MessageFlags.NONE;
                if (forged) {
                    if (failAction(account, routing) == DeliveryProperties.FailAction.DISCARD) {
                        log.info("envelope {}: SPF fail for {} from {}, discarded for {} by policy", envelope.id(),
                                spfOutcome.sender(), spfOutcome.clientIp(), account.address());
                        continue;
                    }
                    mailbox = SpecialUse.JUNK.defaultName();
                } else if (dmarcQuarantine) {
                    mailbox = SpecialUse.JUNK.defaultName();
                } else if (spfOutcome != null && spfOutcome.result() == SpfResult.SOFTFAIL) {
                    flags = new MessageFlags(0, Set.of(SOFTFAIL_KEYWORD));
                }
                local.putIfAbsent(account.address(), new InboundMessage.LocalCopy(account.address(), account.id(), mailbox,
                        TraceFields.prefix(envelope.reversePath(), account.address()), flags, account.quotaBytes(),
                        reduced));
                if (DsnPolicy.wanted(envelope, recipient, DsnNotify.SUCCESS)
                        || DsnPolicy.wanted(envelope, recipient, DsnNotify.DELAY)) {
                    notices.putIfAbsent(envelope.id() + "\u0000" + account.address(),
                            new Notice(envelope, recipient, mail.message()));
                }
            }
            if (resolution.remote().isEmpty()) {
                continue;
            }
            if (forwarder == null) {
                String address = resolution.recipient().address();
                forwarder = address.substring(address.lastIndexOf('@') + 1);
            }
            // a forged sender gets no SRS address: bounces to it would reach the victim through us (RFC 7208 §8.4)
            String reversePath = forged ? envelope.reversePath()
                    : forwarding.reversePath(envelope, resolution.recipient(), routing);
            for (String address : resolution.remote()) {
                remote.putIfAbsent(address.toLowerCase(Locale.ROOT), new InboundMessage.RemoteCopy(address,
                        address.substring(address.lastIndexOf('@') + 1), reversePath, reduced));
            }
        }
        if (forwarder != null && checks != null && checks.arc() != null && properties.arc().seal()) {
            // RFC 8617 §5.1: forwarded mail gets our ARC set; the content is stored once, so local copies carry it too
            raw = sealing.seal(raw, checks.arc(), AuthenticationFields.results(checks, properties.hostname()), forwarder);
        }
        if (!local.isEmpty() || !remote.isEmpty()) {
            messages.add(new InboundMessage(envelope.id(), raw, envelope.receivedAt(), List.copyOf(local.values()),
                    List.copyOf(remote.values())));
        }
        dsn.plan(envelope, failures, mail.message(), "dsn", routing).ifPresent(messages::add);
    }

    private DeliveryProperties.FailAction failAction(Account account, RecipientResolver.Session routing) {
        String policy = routing.spfFailPolicy(account.address().substring(account.address().lastIndexOf('@') + 1));
        return policy == null ? properties.spf().failAction()
                : DeliveryProperties.FailAction.valueOf(policy.toUpperCase(Locale.ROOT));
    }

    /** The envelope as it concerns one recipient: what a deferred copy or a relay attempt needs later. */
    static Envelope reduce(Envelope envelope, EnvelopeRecipient recipient) {
        return new Envelope(envelope.id(), envelope.reversePath(), List.of(recipient), envelope.clientAddress(),
                envelope.heloName(), envelope.authenticatedUser(), envelope.tls(), envelope.receivedAt(),
                envelope.bodyType(), envelope.smtpUtf8(), envelope.dsnReturn(), envelope.dsnEnvelopeId());
    }
}
