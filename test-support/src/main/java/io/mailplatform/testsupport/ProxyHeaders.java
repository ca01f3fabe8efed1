package io.mailplatform.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * HAProxy PROXY protocol headers as a load balancer sends them ahead of the client's bytes, for
 * tests of listeners behind one (haproxy.org/download/2.9/doc/proxy-protocol.txt).
 */
public final class ProxyHeaders {
    /** The twelve octets every version 2 header starts with (§2.2). */
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    /** The human-readable version 1 line (§2.1), e.g. {@code PROXY TCP4 203.0.113.7 192.0.2.1 5555 143}. */
    public static byte[] v1(String source, String destination, int sourcePort, int destinationPort) {
        String family = source.contains(":") ? "TCP6" : "TCP4";
        return ("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " " + destinationPort + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The binary version 2 header of a proxied TCP connection (§2.2), IPv4 or IPv6 by the source. */
    public static byte[] v2(String source, String destination, int sourcePort, int destinationPort) {
        byte[] from = address(source);
        byte[] to = address(destination);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(0x21); // version 2, command PROXY
        out.write(from.length == 4 ? 0x11 : 0x21); // AF_INET or AF_INET6, over STREAM
        int length = 2 * from.length + 4;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(from);
        out.writeBytes(to);
        out.write(sourcePort >> 8);
        out.write(sourcePort & 0xFF);
        out.write(destinationPort >> 8);
        out.write(destinationPort & 0xFF);
        return out.toByteArray();
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
