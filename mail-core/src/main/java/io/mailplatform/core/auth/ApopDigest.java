package io.mailplatform.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The APOP digest (RFC 1939 §7): the MD5 of the server's greeting timestamp followed by the secret
 * shared by client and server, written as 32 hexadecimal digits. The secret itself never crosses the
 * wire, which is why the server must be able to read it (so it is an APOP secret, never the login
 * password, whose adaptive hash cannot be reversed).
 */
public final class ApopDigest {
    private static final HexFormat HEX = HexFormat.of();

    private ApopDigest() {
    }

    /** The digest as 32 lower-case hexadecimal digits. */
    public static String compute(String timestamp, String secret) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            return HEX.formatHex(md5.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    /** Whether a client's digest (either case) is right, compared in constant time. */
    public static boolean matches(String timestamp, String secret, String digest) {
        if (!isWellFormed(digest)) {
            return false;
        }
        byte[] expected = compute(timestamp, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether text has the digest's form: exactly 32 hexadecimal digits. */
    public static boolean isWellFormed(String digest) {
        if (digest == null || digest.length() != 32) {
            return false;
        }
        for (int i = 0; i < digest.length(); i++) {
            char c = digest.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}
