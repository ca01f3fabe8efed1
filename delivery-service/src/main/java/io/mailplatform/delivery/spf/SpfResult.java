package io.mailplatform.delivery.spf;

import java.util.Locale;

/** The results of check_host() (RFC 7208 §2.6), named as in the RFC. */
public enum SpfResult {
    NONE,
    NEUTRAL,
    PASS,
    FAIL,
    SOFTFAIL,
    TEMPERROR,
    PERMERROR;

    /** The lower-case result keyword used in Received-SPF and Authentication-Results. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
