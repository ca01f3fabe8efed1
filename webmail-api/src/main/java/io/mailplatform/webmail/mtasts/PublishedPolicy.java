package io.mailplatform.webmail.mtasts;

import io.mailplatform.core.mtasts.MtaStsPolicy;
import io.mailplatform.core.mtasts.MtaStsRecord;
import io.mailplatform.webmail.config.HttpProperties;
import io.mailplatform.webmail.dns.DnsCheckProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The MTA-STS policy this platform publishes for its hosted domains, and the {@code _mta-sts} record
 * that announces it, whose id follows from the policy (so every instance serves the same).
 */
@Component
public class PublishedPolicy {
    private final boolean enabled;
    private final MtaStsPolicy policy;
    private final String httpsHost;

    public PublishedPolicy(MtaStsPublishingProperties properties, DnsCheckProperties dns, HttpProperties http) {
        this.enabled = properties.enabled();
        List<String> mx = properties.mx().isEmpty() ? List.of(mailHost(dns, http)) : properties.mx();
        this.policy = new MtaStsPolicy(properties.mode(), mx, properties.maxAge());
        this.httpsHost = http.hostname();
    }

    /** The host MX records should name: {@code mail.webmail.dns-check.mail-host}, else the HTTPS host name. */
    public static String mailHost(DnsCheckProperties dns, HttpProperties http) {
        return dns.mailHost() == null || dns.mailHost().isBlank() ? http.hostname() : dns.mailHost();
    }

    public boolean enabled() {
        return enabled;
    }

    public MtaStsPolicy policy() {
        return policy;
    }

    public MtaStsRecord record() {
        return MtaStsRecord.of(policy);
    }

    /** The host {@code mta-sts.<domain>} should point at: this server's HTTPS name. */
    public String httpsHost() {
        return httpsHost;
    }
}
