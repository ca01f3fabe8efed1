package io.mailplatform.delivery.srs;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.store.directory.Postmaster;
import io.mailplatform.store.srs.SrsProperties;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reverse path of mail forwarded to remote addresses through an alias, a list or a catch-all:
 * the sender's address is replaced with an SRS address at one of our domains, so that the next hop
 * checks SPF against us, who send it, and its bounces come back to us to be returned to the sender.
 * Not rewritten: the null reverse path (nothing may answer it), senders at our own domains (SPF
 * passes for them already; authenticated submissions among them), remote recipients an
 * authenticated client addressed directly (that is relaying, not forwarding), and mail that failed
 * SPF here (the caller's part: its sender is forged, and a valid SRS address would route bounces to
 * the victim through us; as it is, the next hop sees the SPF failure itself).
 */
@Component
public class SrsForwarding {
    private static final Logger log = LoggerFactory.getLogger(SrsForwarding.class);

    private final SrsProperties settings;
    private final SrsCodec codec;
    private final Postmaster postmaster;

    public SrsForwarding(SrsProperties settings, SrsCodec codec, Postmaster postmaster) {
        this.settings = settings;
        this.codec = codec;
        this.postmaster = postmaster;
    }

    /** The reverse path to queue with the remote copies that this recipient forwards to. */
    public String reversePath(Envelope envelope, EnvelopeRecipient recipient, RecipientResolver.Session routing) {
        String original = envelope.reversePath();
        if (!settings.enabled() || envelope.isNullReversePath()) {
            return original;
        }
        MailboxAddress sender = parse(original);
        MailboxAddress forwarder = parse(recipient.address());
        if (sender == null || forwarder == null || !routing.isLocal(forwarder.domain().name())
                || routing.isLocal(sender.domain().name())) {
            return original;
        }
        Optional<Domain> domain = domain(routing::isLocal, routing::firstLocalDomain);
        if (domain.isEmpty()) {
            log.warn("envelope {}: forwarded with its reverse path <{}> unchanged: no local domain for SRS addresses (see"
                    + " mail.srs.domain)", envelope.id(), original);
            return original;
        }
        Optional<MailboxAddress> rewritten = codec.forward(sender, domain.get());
        if (rewritten.isEmpty()) {
            log.info("envelope {}: forwarded with its reverse path <{}> unchanged: its SRS form would exceed 256 octets",
                    envelope.id(), original);
            return original;
        }
        return rewritten.get().toString();
    }

    /**
     * The domain SRS addresses are made at: {@code mail.srs.domain} if it is local, else the domain of
     * the postmaster if that is local, else the first local domain by name; empty when none is local.
     *
     * @param isLocal whether a domain name is one of ours
     * @param firstLocal the first local domain by name
     */
    public Optional<Domain> domain(Predicate<String> isLocal, Supplier<Optional<String>> firstLocal) {
        Domain configured = settings.srsDomain();
        if (configured != null) {
            return isLocal.test(configured.name()) ? Optional.of(configured) : Optional.empty();
        }
        Optional<Domain> postmasterDomain = postmaster.address().map(MailboxAddress::domain)
                .filter(d -> isLocal.test(d.name()));
        return postmasterDomain.isPresent() ? postmasterDomain : firstLocal.get().map(Domain::new);
    }

    private static MailboxAddress parse(String text) {
        try {
            return MailboxAddress.parse(text);
        } catch (AddressException e) {
            return null;
        }
    }
}
