package io.mailplatform.core.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The signing algorithms a verifier accepts: rsa-sha256 (RFC 6376) and ed25519-sha256 (RFC 8463).
 * rsa-sha1 is not among them (RFC 8301 §3.1: verifiers MUST NOT consider it valid). Ed25519 signs
 * the SHA-256 hash of the header data with PureEdDSA, not the data itself (RFC 8463 §3).
 */
public enum SigningAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String keyword;
    private final String keyType;

    SigningAlgorithm(String keyword, String keyType) {
        this.keyword = keyword;
        this.keyType = keyType;
    }

    public String keyword() {
        return keyword;
    }

    /** The k= value of a key record for this algorithm. */
    public String keyType() {
        return keyType;
    }

    public static SigningAlgorithm of(String keyword) throws DkimException {
        for (SigningAlgorithm algorithm : values()) {
            if (algorithm.keyword.equals(keyword)) {
                return algorithm;
            }
        }
        if (keyword.equals("rsa-sha1")) {
            throw new DkimException("rsa-sha1 is not accepted (RFC 8301)");
        }
        throw new DkimException("unknown signing algorithm " + keyword);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    byte[] sign(PrivateKey key, byte[] headerData) throws GeneralSecurityException {
        Signature signature = engine();
        signature.initSign(key);
        signature.update(input(headerData));
        return signature.sign();
    }

    boolean verify(PublicKey key, byte[] headerData, byte[] signed) throws GeneralSecurityException {
        Signature signature = engine();
        signature.initVerify(key);
        signature.update(input(headerData));
        return signature.verify(signed);
    }

    private byte[] input(byte[] headerData) {
        return this == ED25519_SHA256 ? sha256().digest(headerData) : headerData;
    }

    private Signature engine() throws GeneralSecurityException {
        return Signature.getInstance(this == RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
    }
}
