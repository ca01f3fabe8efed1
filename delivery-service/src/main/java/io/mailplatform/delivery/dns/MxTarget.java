package io.mailplatform.delivery.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * One host to deliver to.
 *
 * @param host the MX exchange, or the domain itself for the implicit MX of a domain without MX records
 * @param preference the MX preference (0 for the implicit MX)
 * @param addresses the host's IPv6 (AAAA) then IPv4 (A) addresses, never empty
 */
public record MxTarget(String host, int preference, List<InetAddress> addresses) {
    public MxTarget {
        addresses = List.copyOf(addresses);
    }
}
