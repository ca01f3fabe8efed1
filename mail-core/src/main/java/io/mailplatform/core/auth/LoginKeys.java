package io.mailplatform.core.auth;

import io.mailplatform.core.address.MailboxAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The keys failed logins are counted under. An account is keyed as the directory finds it
 * ({@link MailboxAddress#lookupKey}), so {@code "alice"@example.test}, {@code ALICE@EXAMPLE.TEST} and
 * {@code alice@example．test} share one counter. A client is keyed by its network: an IPv4 address
 * (IPv4-mapped IPv6 included) by itself, an IPv6 address by its prefix (a /64 is one subscriber's
 * LAN, RFC 6177, so rotating through it gains nothing). Keys are bounded: what is longer than any
 * address can be is replaced by its SHA-256.
 */
final class LoginKeys {
    /** A local part of 64 octets, "@" and a domain of 255 (RFC 5321 §4.5.3.1): no account key is longer. */
    static final int MAX_KEY_LENGTH = 320;

    private LoginKeys() {
    }

    /** The account key of a login name as the client sent it. */
    static String account(String name) {
        if (name == null) {
            return "";
        }
        if (name.length() > 4 * MAX_KEY_LENGTH) {
            return digest(name); // no address is this long: not worth parsing
        }
        String key = MailboxAddress.lookupKey(name);
        return key.length() > MAX_KEY_LENGTH ? digest(key) : key;
    }

    /** The client key of an address: itself for IPv4, its first {@code ipv6PrefixLength} bits for IPv6. */
    static String client(InetAddress address, int ipv6PrefixLength) {
        if (address == null) {
            return "unknown";
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        if (isIpv4Mapped(bytes)) { // ::ffff:192.0.2.1 is the IPv4 client 192.0.2.1 (RFC 4291 §2.5.5.2)
            return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
        }
        int prefix = Math.max(0, Math.min(128, ipv6PrefixLength));
        for (int bit = prefix; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return HexFormat.of().formatHex(bytes) + "/" + prefix;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "#" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
