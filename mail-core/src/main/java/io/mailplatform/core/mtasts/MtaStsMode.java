package io.mailplatform.core.mtasts;

import java.util.Locale;

/** The {@code mode} of an MTA-STS policy (RFC 8461 §5). */
public enum MtaStsMode {
    /** Deliver only to MX hosts the policy names, over TLS with a valid certificate; else defer. */
    ENFORCE,
    /** Deliver as without a policy, and report what would have failed (TLS-RPT, RFC 8460). */
    TESTING,
    /** The domain withdrew its policy: nothing is checked. */
    NONE;

    /** The policy file's word for it. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode, or null for a word the RFC does not define. */
    public static MtaStsMode of(String keyword) {
        for (MtaStsMode mode : values()) {
            if (mode.keyword().equals(keyword)) {
                return mode;
            }
        }
        return null;
    }
}
