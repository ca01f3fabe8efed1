package io.mailplatform.core.srs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash of an SRS address as libsrs2 makes it: HMAC-SHA1 under the secret over the fields
 * one after another, each in ASCII lower case (so that a relay that changes the case of a local part
 * does not break it), written in base64 and cut to {@value #LENGTH} characters. The first secret
 * signs; every secret verifies, so a secret can be replaced without breaking addresses in flight.
 */
final class SrsHash {
    static final int LENGTH = 4;

    private final List<SecretKeySpec> keys;

    SrsHash(List<byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("SRS needs at least one secret");
        }
        this.keys = secrets.stream().map(secret -> new SecretKeySpec(secret.clone(), "HmacSHA1")).toList();
    }

    String create(String... fields) {
        return create(keys.get(0), fields);
    }

    /**
     * Whether the hash was made by one of the secrets. Compared without regard to case, as libsrs2
     * does, since some MTAs lower-case the whole address; in constant time.
     */
    boolean verify(String hash, String... fields) {
        if (hash.length() != LENGTH) {
            return false;
        }
        byte[] given = lower(hash).getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (SecretKeySpec key : keys) {
            valid |= MessageDigest.isEqual(given, lower(create(key, fields)).getBytes(StandardCharsets.US_ASCII));
        }
        return valid;
    }

    private static String create(SecretKeySpec key, String... fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            for (String field : fields) {
                mac.update(lower(field).getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getEncoder().encodeToString(mac.doFinal()).substring(0, LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is a required JDK algorithm", e);
        }
    }

    /** ASCII letters only, as C's tolower() in libsrs2: other characters are hashed as they are. */
    private static String lower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }
}
