package io.mailplatform.delivery.mtasts;

import io.mailplatform.core.mtasts.MtaStsPolicy;
import io.mailplatform.core.tlsrpt.TlsResultType;

/** What the relay knows of a domain's MTA-STS policy when it sends (RFC 8461 §5.1). */
public sealed interface StsLookup {

    /** The domain publishes no policy (or one in mode none): mail goes as before. */
    record Absent() implements StsLookup {
    }

    /**
     * The policy to apply.
     *
     * @param policy the policy
     * @param id the id of the {@code _mta-sts} record it was fetched for
     */
    record Present(MtaStsPolicy policy, String id) implements StsLookup {
    }

    /**
     * The domain announces a policy, but it could not be fetched and none is cached: mail goes as
     * without one (§5.1), and the failure is reported (RFC 8460).
     *
     * @param type the failure, as TLS reports name it
     * @param reason what happened
     */
    record Unavailable(TlsResultType type, String reason) implements StsLookup {
    }

    StsLookup ABSENT = new Absent();
}
