package io.mailplatform.server.net;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HAProxy PROXY protocol for listeners behind a load balancer ({@code mail.smtp.proxy.*},
 * {@code mail.imap.proxy.*}, {@code mail.pop3.proxy.*}): the same settings for every protocol
 * service, applied by {@link ProtocolServer} through {@link ProxyProtocolHandler}.
 *
 * @param listeners names of the listeners that accept the PROXY protocol, e.g. {@code smtp}, {@code imap},
 *        {@code pop3s} (default none)
 * @param trustedNetworks load balancers allowed to send a PROXY header, in CIDR notation; other peers are
 *        direct clients whose PROXY line is an ordinary (unknown) command (default none)
 * @param headerTimeout how long a trusted peer may take to send the header (default 10s)
 */
public record ProxyProtocolSettings(
        @DefaultValue List<String> listeners,
        @DefaultValue List<String> trustedNetworks,
        @DefaultValue("10s") Duration headerTimeout) {

    public ProxyProtocolSettings {
        listeners = List.copyOf(listeners);
        trustedNetworks = List.copyOf(trustedNetworks);
        // fails the start on a malformed block rather than at the first connection
        TrustedNetworks.of(trustedNetworks);
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("the PROXY header timeout must be positive");
        }
    }

    /** No listener uses the PROXY protocol. */
    public static ProxyProtocolSettings none() {
        return new ProxyProtocolSettings(List.of(), List.of(), Duration.ofSeconds(10));
    }

    /** Whether the listener of this name expects PROXY headers from its trusted networks. */
    public boolean appliesTo(String listener) {
        return listeners.contains(listener);
    }
}
