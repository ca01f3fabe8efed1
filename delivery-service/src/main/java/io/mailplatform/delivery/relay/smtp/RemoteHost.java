package io.mailplatform.delivery.relay.smtp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A server to connect to: the host name it was found under (an MX target, the smart host) and one
 * of its addresses. The name is what a certificate must name where TLS is required, the SNI sent,
 * and what reports say (RFC 3464 {@code Remote-MTA}).
 *
 * @param name the host name, or an address literal's text
 * @param address the resolved address and port to connect to
 */
public record RemoteHost(String name, InetSocketAddress address) {

    public RemoteHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("the address must be resolved: " + address);
        }
    }

    /** {@code mx.example.org[192.0.2.1]:25}, as mail logs name a host. */
    @Override
    public String toString() {
        return name + "[" + address.getAddress().getHostAddress() + "]:" + address.getPort();
    }
}
