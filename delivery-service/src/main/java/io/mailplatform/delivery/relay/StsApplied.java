package io.mailplatform.delivery.relay;

import io.mailplatform.core.mtasts.MtaStsMode;
import io.mailplatform.core.mtasts.MtaStsPolicy;

/**
 * The MTA-STS policy a next hop is under (RFC 8461), for the sender to apply and report.
 *
 * @param domain the policy domain (the recipient domain)
 * @param id the policy's id
 * @param policy the policy, in mode enforce or testing
 */
public record StsApplied(String domain, String id, MtaStsPolicy policy) {

    public MtaStsMode mode() {
        return policy.mode();
    }
}
