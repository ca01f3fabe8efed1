package io.mailplatform.delivery.dkim;

import io.mailplatform.core.arc.ArcResult;
import io.mailplatform.core.arc.ArcSealer;
import io.mailplatform.core.dkim.DkimSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals mail our aliases and lists forward to remote addresses (RFC 8617 §5.1) with the DKIM key of
 * the forwarding address's domain (made with the admin API; {@link DkimSigning#sealer}), so that the
 * next receiver can see the authentication results we saw.
 */
public class ArcSealing {
    private static final Logger log = LoggerFactory.getLogger(ArcSealing.class);

    private final DkimSigning keys;
    private final Clock clock;

    public ArcSealing(DkimSigning keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The message with an ARC set on top; the same array when the domain has no key or the incoming chain
     * failed (a failed chain is not extended).
     *
     * @param results the value of our Authentication-Results field, for ARC-Authentication-Results
     */
    public byte[] seal(byte[] message, ArcResult incoming, String results, String forwardingDomain) {
        Optional<DkimSigner> signer = keys.sealer(forwardingDomain);
        if (signer.isEmpty()) {
            return message;
        }
        String set;
        try {
            set = ArcSealer.seal(message, incoming, results, signer.get(), clock.instant());
        } catch (GeneralSecurityException e) {
            log.warn("ARC sealing for {} failed: {}", forwardingDomain, e.getMessage());
            return message;
        }
        if (set == null) {
            return message;
        }
        byte[] prefix = set.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, sealed, 0, prefix.length);
        System.arraycopy(message, 0, sealed, prefix.length, message.length);
        return sealed;
    }
}
