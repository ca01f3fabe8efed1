package io.mailplatform.delivery.relay.smtp;

import java.util.HexFormat;

/**
 * A TLSA record (RFC 6698 §2.1) usable for SMTP: certificate usage DANE-TA(2) or DANE-EE(3)
 * (RFC 7672 §3.1), selector 0 (full certificate) or 1 (SubjectPublicKeyInfo), matching type 0
 * (exact), 1 (SHA-256) or 2 (SHA-512).
 */
public record Tlsa(int usage, int selector, int matchingType, byte[] data) {
    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;

    /** Whether SMTP can use it (RFC 7672 §3.1.3: PKIX-TA and PKIX-EE are not, nor unknown values). */
    public static boolean usable(int usage, int selector, int matchingType) {
        return (usage == DANE_TA || usage == DANE_EE) && (selector == 0 || selector == 1)
                && matchingType >= 0 && matchingType <= 2;
    }

    public Tlsa {
        if (!usable(usage, selector, matchingType)) {
            throw new IllegalArgumentException("TLSA " + usage + " " + selector + " " + matchingType
                    + " is not usable for SMTP");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Presentation format, e.g. {@code 3 1 1 ab12...}. */
    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data);
    }
}
