package io.mailplatform.core.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A DKIM key record from DNS (RFC 6376 §3.6.1). An empty p= means the key was revoked. RSA keys are
 * accepted as SubjectPublicKeyInfo (what everybody publishes) or as a bare PKCS#1 RSAPublicKey (what
 * the RFC's text literally says); Ed25519 keys are the 32 raw octets (RFC 8463 §4).
 *
 * @param testing the t=y flag: the domain is testing DKIM
 * @param strict the t=s flag: i= must be exactly d=
 */
public record DkimKeyRecord(String keyType, PublicKey key, boolean testing, boolean strict) {

    /** The SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410), before its 32 octets. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    public static DkimKeyRecord parse(String text) throws DkimException {
        TagList tags = TagList.parse(text);
        if (tags.get("v") != null && (!tags.get("v").equals("DKIM1") || !tags.tags().keySet().iterator().next().equals("v"))) {
            throw new DkimException("key record version is not DKIM1 or not first");
        }
        String hashes = tags.get("h");
        if (hashes != null && !List.of(TagList.withoutFws(hashes).split(":")).contains("sha256")) {
            throw new DkimException("key record does not allow sha256");
        }
        String services = tags.get("s");
        if (services != null) {
            List<String> types = List.of(TagList.withoutFws(services).split(":"));
            if (!types.contains("*") && !types.contains("email")) {
                throw new DkimException("key record is not for email");
            }
        }
        String keyType = tags.get("k") == null ? "rsa" : tags.get("k");
        String encoded = TagList.withoutFws(tags.require("p"));
        if (encoded.isEmpty()) {
            throw new DkimException("key revoked");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new DkimException("malformed base64 in p=");
        }
        List<String> flags = tags.get("t") == null ? List.of() : List.of(TagList.withoutFws(tags.get("t")).split(":"));
        return new DkimKeyRecord(keyType, publicKey(keyType, der), flags.contains("y"), flags.contains("s"));
    }

    /** The RSA modulus size in bits, or 256 for Ed25519. */
    public int bits() {
        return key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 256;
    }

    /** The p= value that publishes this key: SubjectPublicKeyInfo for RSA, the raw 32 octets for Ed25519. */
    public static String publish(PublicKey key) {
        byte[] der = key.getEncoded();
        if (key.getAlgorithm().equals("RSA")) {
            return Base64.getEncoder().encodeToString(der);
        }
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(der, der.length - 32, der.length));
    }

    private static PublicKey publicKey(String keyType, byte[] der) throws DkimException {
        try {
            switch (keyType) {
                case "rsa":
                    try {
                        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        return KeyFactory.getInstance("RSA").generatePublic(pkcs1(der));
                    }
                case "ed25519":
                    if (der.length != 32) {
                        throw new DkimException("an Ed25519 key has 32 octets, not " + der.length);
                    }
                    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
                    System.arraycopy(der, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                default:
                    throw new DkimException("unknown key type k=" + keyType);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DkimException("unusable public key: " + e.getMessage());
        }
    }

    /** A PKCS#1 RSAPublicKey: SEQUENCE { INTEGER modulus, INTEGER exponent }. */
    private static RSAPublicKeySpec pkcs1(byte[] der) throws DkimException {
        Der in = new Der(der);
        in.expect(0x30);
        in.length();
        return new RSAPublicKeySpec(in.integer(), in.integer());
    }

    /** Just enough DER reading for two integers in a sequence. */
    private static final class Der {
        private final byte[] bytes;
        private int pos;

        Der(byte[] bytes) {
            this.bytes = bytes;
        }

        void expect(int tag) throws DkimException {
            if (pos >= bytes.length || (bytes[pos++] & 0xff) != tag) {
                throw new DkimException("malformed RSA key");
            }
        }

        int length() throws DkimException {
            if (pos >= bytes.length) {
                throw new DkimException("malformed RSA key");
            }
            int first = bytes[pos++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int count = first & 0x7f;
            if (count > 3 || pos + count > bytes.length) {
                throw new DkimException("malformed RSA key");
            }
            int length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[pos++] & 0xff);
            }
            return length;
        }

        BigInteger integer() throws DkimException {
            expect(0x02);
            int length = length();
            if (pos + length > bytes.length) {
                throw new DkimException("malformed RSA key");
            }
            BigInteger value = new BigInteger(1, Arrays.copyOfRange(bytes, pos, pos + length));
            pos += length;
            return value;
        }
    }
}
