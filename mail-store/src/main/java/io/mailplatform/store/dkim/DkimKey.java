package io.mailplatform.store.dkim;

import java.time.Instant;

/**
 * A domain's DKIM key as operators see it: what to publish, and whether it still signs.
 *
 * @param publicKey the p= value of the key record
 * @param retiredAt when it stopped signing, or null while it signs
 */
public record DkimKey(String domain, String selector, String algorithm, String publicKey, Instant createdAt,
        Instant retiredAt) {

    /** The DNS name of the key record. */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record to publish at {@link #dnsName()}. */
    public String dnsRecord() {
        return "v=DKIM1; k=" + (algorithm.startsWith("ed25519") ? "ed25519" : "rsa") + "; p=" + publicKey;
    }

    public boolean active() {
        return retiredAt == null;
    }
}
