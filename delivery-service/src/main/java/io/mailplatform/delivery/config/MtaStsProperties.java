package io.mailplatform.delivery.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * MTA-STS for outgoing mail ({@code mail.relay.mta-sts.*}, RFC 8461): the relay looks up each MX
 * destination's policy and, in mode enforce, sends only to the MX hosts it names, over TLS with a
 * certificate valid for the host. Policy files are fetched over HTTPS with the authorities of
 * {@code mail.relay.client.tls.trust-bundle} (else the JDK's).
 *
 * @param enabled look up and apply policies (default true)
 * @param connectTimeout establishing the HTTPS connection to the policy host (default 10s)
 * @param fetchTimeout the whole fetch, TLS handshake and response included (default 30s)
 * @param maxPolicySize the largest policy file taken; a larger one is a fetch error (default 64KB)
 * @param httpsPort the port of {@code mta-sts.<domain>}: 443 as the RFC says (§3.3); another only
 *        for tests (default 443)
 * @param retryFetchAfter after a failed fetch, the same policy is not fetched again by this instance
 *        for this long; mail goes as if there were no new policy meanwhile (default 5m)
 */
@Validated
@ConfigurationProperties("mail.relay.mta-sts")
public record MtaStsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration fetchTimeout,
        @DefaultValue("64KB") DataSize maxPolicySize,
        @DefaultValue("443") @Min(1) @Max(65535) int httpsPort,
        @DefaultValue("5m") Duration retryFetchAfter) {

    public MtaStsProperties {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("MTA-STS timeouts must be positive");
        }
        if (maxPolicySize.toBytes() < 1 || maxPolicySize.toBytes() > 1024 * 1024) {
            throw new IllegalArgumentException("mail.relay.mta-sts.max-policy-size is 1B to 1MB");
        }
    }
}
