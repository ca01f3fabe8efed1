package io.mailplatform.core.envelope;

import java.security.SecureRandom;

/**
 * Envelope ids: a millisecond timestamp and 64 random bits in Crockford base32, so ids are unique
 * across gateway instances without coordination and sort roughly by time in logs.
 */
public final class EnvelopeId {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnvelopeId() {
    }

    public static String next() {
        char[] out = new char[23];
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long random = RANDOM.nextLong();
        for (int i = 22; i >= 10; i--) {
            out[i] = ALPHABET[(int) (random & 31)];
            random >>>= 5;
        }
        return new String(out);
    }
}
