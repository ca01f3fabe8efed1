package io.mailplatform.webmail.security;

import io.mailplatform.webmail.config.HttpProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Whether a request travelled protected, so that it may carry a password: over TLS to this server;
 * or, on plain HTTP, from a trusted TLS-terminating proxy that says it received it over HTTPS
 * ({@code X-Forwarded-Proto: https}), or from a loopback address that no proxy forwarded from plain
 * HTTP. The forwarding header of any other peer is ignored: anyone can send it.
 */
@Component
public class TransportSecurity {
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    private final boolean trustLoopback;
    private final List<IpAddressMatcher> trustedProxies;

    public TransportSecurity(HttpProperties properties) {
        this.trustLoopback = properties.trustLoopback();
        // an invalid entry fails the start here
        this.trustedProxies = properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
    }

    public boolean isProtected(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String peer = request.getRemoteAddr();
        // the first value is what the proxy nearest the client saw
        String forwarded = request.getHeader(FORWARDED_PROTO);
        String proto = forwarded == null ? null : forwarded.split(",", 2)[0].trim();
        if (trustedProxies.stream().anyMatch(proxy -> proxy.matches(peer))) {
            return "https".equalsIgnoreCase(proto);
        }
        return trustLoopback && isLoopback(peer) && (proto == null || "https".equalsIgnoreCase(proto));
    }

    private static boolean isLoopback(String address) {
        try {
            // the container's peer address is a literal: no name lookup
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
