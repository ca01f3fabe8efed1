package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.relay.smtp.RemoteHost;
import io.mailplatform.delivery.relay.smtp.SmtpCredentials;
import io.mailplatform.delivery.relay.smtp.TlsPolicy;
import java.util.List;
import java.util.Objects;

/**
 * Where the mail for a domain goes: the servers to try, in order, and how to talk to them.
 * Transactions with the same {@link #key()} share connections and the per-destination bound.
 *
 * @param key the destination, e.g. {@code mx:mx1.example.org,mx2.example.org} or {@code route:[host]:port}
 * @param hosts the addresses to try in this order (RFC 5321 §5.1), never empty
 * @param tls the STARTTLS policy
 * @param credentials AUTH at a smart host, or null
 * @param sts the MTA-STS policy of the MX destination, or null
 */
public record NextHop(String key, List<RemoteHost> hosts, TlsPolicy tls, SmtpCredentials credentials, StsApplied sts) {

    public NextHop(String key, List<RemoteHost> hosts, TlsPolicy tls, SmtpCredentials credentials) {
        this(key, hosts, tls, credentials, null);
    }

    public NextHop {
        Objects.requireNonNull(key, "key");
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a next hop has at least one host");
        }
        Objects.requireNonNull(tls, "tls");
    }
}
