package io.mailplatform.delivery.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Strict textual IP address parsing for SPF records (RFC 7208 §5.6: no leading zeros, no omitted
 * parts), CIDR matching, and the macro forms of a client address (RFC 7208 §7.3).
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /** ip4-network = qnum "." qnum "." qnum "." qnum, qnum without leading zeros; null if invalid. */
    static byte[] parseIp4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            out[i] = (byte) value;
        }
        return out;
    }

    /** An RFC 4291 §2.2 IPv6 address (with "::" and a trailing dotted IPv4 part); null if invalid. */
    static byte[] parseIp6(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, doubleColon < 0);
        int[] tailGroups = doubleColon >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        int offset = 8 - tailGroups.length;
        for (int i = 0; i < tailGroups.length; i++) {
            out[2 * (offset + i)] = (byte) (tailGroups[i] >> 8);
            out[2 * (offset + i) + 1] = (byte) tailGroups[i];
        }
        return out;
    }

    /** Colon-separated 16-bit groups; the last may be a dotted IPv4 address (two groups) if allowed. */
    private static int[] groups(String text, boolean ipv4Allowed) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int count = parts.length;
        byte[] ip4 = null;
        if (ipv4Allowed && parts[count - 1].contains(".")) {
            ip4 = parseIp4(parts[count - 1]);
            if (ip4 == null) {
                return null;
            }
            count--;
        }
        int[] out = new int[count + (ip4 == null ? 0 : 2)];
        for (int i = 0; i < count; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                int digit = Character.digit(part.charAt(j), 16);
                if (digit < 0 || part.charAt(j) > 0x7f) {
                    return null;
                }
                value = value * 16 + digit;
            }
            out[i] = value;
        }
        if (ip4 != null) {
            out[count] = ((ip4[0] & 0xff) << 8) | (ip4[1] & 0xff);
            out[count + 1] = ((ip4[2] & 0xff) << 8) | (ip4[3] & 0xff);
        }
        return out;
    }

    /** Whether the first {@code prefix} bits of both addresses (same length) are equal. */
    static boolean inNetwork(byte[] address, byte[] network, int prefix) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** An IPv4-mapped IPv6 client is an IPv4 client (RFC 7208 §5). */
    static InetAddress unmap(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    /** The "i" macro: dotted quad, or 32 dot-separated nibbles for IPv6. */
    static String dotFormat(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder out = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = 0; i < 4; i++) {
                out.append(i == 0 ? "" : ".").append(b[i] & 0xff);
            }
        } else {
            for (int i = 0; i < 16; i++) {
                out.append(i == 0 ? "" : ".").append(hex((b[i] >> 4) & 0xf)).append('.').append(hex(b[i] & 0xf));
            }
        }
        return out.toString();
    }

    /** The name a PTR query for this address goes to. */
    static String reverseName(InetAddress address) {
        String[] parts = dotFormat(address).split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            out.append(parts[i]).append('.');
        }
        return out.append(address instanceof Inet4Address ? "in-addr.arpa" : "ip6.arpa").toString();
    }

    /** The "c" macro: dotted quad, or the RFC 5952 text form of an IPv6 address. */
    static String readable(InetAddress address) {
        if (address instanceof Inet4Address) {
            return dotFormat(address);
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952 §4.2: the longest run (first if tied) of two or more zero groups becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Upper-case hex digit: the conformance suite expects "E.B.A.B" nibbles. */
    private static char hex(int nibble) {
        return Character.toUpperCase(Character.forDigit(nibble, 16));
    }
}
