package io.mailplatform.delivery.dkim;

import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dkim.DkimVerifier;
import io.mailplatform.core.mime.HeaderSection;
import io.mailplatform.delivery.dns.DnsResolver;
import java.time.Clock;
import java.util.List;

/**
 * Verifies the DKIM signatures of an incoming message, fetching keys through the delivery service's
 * caching DNS client (so a key is asked for once per TTL, however many messages carry it).
 */
public class DkimCheck {
    private final DkimVerifier verifier;

    public DkimCheck(DnsResolver dns, int maxSignatures, Clock clock) {
        this.verifier = new DkimVerifier(new DnsTxtLookup(dns), maxSignatures, clock);
    }

    /** Whether the message has a signature to check at all; cheap, so unsigned mail needs no thread. */
    public static boolean signed(byte[] message) {
        return HeaderSection.fields(message).stream().anyMatch(field -> field.name().equalsIgnoreCase(DkimVerifier.FIELD));
    }

    public List<DkimResult> verify(byte[] message) {
        return verifier.verify(message);
    }
}
