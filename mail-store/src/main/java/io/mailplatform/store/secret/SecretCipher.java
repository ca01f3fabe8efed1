package io.mailplatform.store.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The platform's key ({@code mail.store.secrets.key}): encrypts secrets at rest with AES-GCM, and
 * {@linkplain #derive derives} the keys of other mechanisms, so that one setting keeps every instance
 * in agreement. A stored value is {@code version(1) | nonce(12) |
 * ciphertext+tag(16)}; every encryption draws a fresh random nonce. The caller binds each value to
 * its row with associated data (e.g. the account id), so a value copied into another row does not
 * decrypt there.
 */
@Component
public class SecretCipher {
    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretsProperties properties) {
        this.key = new SecretKeySpec(keyBytes(properties), "AES");
    }

    private static byte[] keyBytes(SecretsProperties properties) {
        if (properties.key() == null || properties.key().isBlank()) {
            if (properties.requireKey()) {
                throw new IllegalStateException("mail.store.secrets.key is required (mail.store.secrets.require-key=true):"
                        + " set it to the base64 of 32 random bytes, the same on every instance");
            }
            log.warn("mail.store.secrets.key is not set: generated a random key for this process. APOP secrets set now"
                    + " cannot be read after a restart or by other instances; set mail.store.secrets.key in production");
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            return generated;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(properties.key().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mail.store.secrets.key is not base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException("mail.store.secrets.key must be 16, 24 or 32 bytes, not " + bytes.length);
        }
        return bytes;
    }

    /**
     * A key for another purpose, named by its label: HMAC-SHA256 of the label under this key. Every
     * instance with the same {@code mail.store.secrets.key} derives the same one; with a generated
     * key it is as random, and as short-lived, as that.
     */
    public byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }

    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is a required JDK algorithm", e);
        }
    }

    public byte[] decrypt(byte[] stored, byte[] associatedData) throws SecretUnreadableException {
        if (stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new SecretUnreadableException("not a stored secret of version " + VERSION, null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretUnreadableException("secret encrypted under another key, or altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is a required JDK algorithm", e);
        }
    }
}
