package io.mailplatform.delivery.relay;

import java.util.Objects;

/**
 * A next hop as configured: {@code host}, {@code host:port}, {@code [host]:port} or
 * {@code [2001:db8::1]:port} (brackets around IPv6 addresses, as in Postfix's relayhost).
 *
 * @param host a host name or an IP address, without brackets
 * @param port the TCP port
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses a next hop; {@code defaultPort} when it names none. */
    public static HostPort parse(String text, int defaultPort) {
        String value = text.trim();
        String host;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed bracket in " + text);
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("not host:port: " + text);
                }
                port = rest.substring(1);
            }
        } else {
            int colon = value.lastIndexOf(':');
            if (colon >= 0 && value.indexOf(':') != colon) {
                throw new IllegalArgumentException("an IPv6 address needs brackets: [" + value + "]:25");
            }
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        try {
            return new HostPort(host, port == null ? defaultPort : Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port in " + text, e);
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
