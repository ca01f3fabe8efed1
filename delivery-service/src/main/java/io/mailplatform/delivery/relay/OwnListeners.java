package io.mailplatform.delivery.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What "this server" is, so that the relay never hands mail back to itself (RFC 5321 §5.1): its host
 * names, and its listeners, i.e. an address of this host (loopback, wildcard or an interface's)
 * with one of its ports. Mail sent there would come straight back to the queue: a misconfigured
 * route or MX, reported as an error, never taken for a delivery.
 */
public final class OwnListeners {
    private final Set<String> names;
    private final Supplier<Collection<Integer>> ports;

    /**
     * @param names this server's host names (compared without regard to case)
     * @param ports the ports this server listens on, asked each time (listeners start after us)
     */
    public OwnListeners(Collection<String> names, Supplier<Collection<Integer>> ports) {
        this.names = new HashSet<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                this.names.add(normalize(name));
            }
        }
        this.ports = ports;
    }

    /** Whether a host name (an MX target) is one of ours. */
    public boolean isOwnName(String host) {
        return names.contains(normalize(host));
    }

    /** Whether connecting there would reach one of our own listeners. */
    public boolean isOwnListener(InetSocketAddress address) {
        return ports.get().contains(address.getPort()) && isLocal(address.getAddress());
    }

    private static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
