package io.mailplatform.delivery.dkim;

import io.mailplatform.core.arc.ArcResult;
import io.mailplatform.core.arc.ArcVerifier;
import io.mailplatform.core.dkim.DkimVerifier;
import io.mailplatform.delivery.dns.DnsResolver;
import java.time.Clock;

/** Validates the ARC chain of an incoming message (RFC 8617), keys read through the caching DNS client. */
public class ArcCheck {
    private final ArcVerifier verifier;

    public ArcCheck(DnsResolver dns, Clock clock) {
        this.verifier = new ArcVerifier(new DkimVerifier(new DnsTxtLookup(dns), 1, clock));
    }

    public ArcResult verify(byte[] message) {
        return verifier.verify(message);
    }
}
