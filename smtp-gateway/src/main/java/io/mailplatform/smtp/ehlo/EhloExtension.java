package io.mailplatform.smtp.ehlo;

import java.util.List;

/**
 * A contribution to the EHLO reply (RFC 5321 §4.1.1.1): the code that implements an extension
 * announces it, so the list can never promise what the gateway does not do.
 */
public interface EhloExtension {

    /**
     * What an extension may depend on when EHLO is answered.
     *
     * @param submission the listener requires AUTH before MAIL (RFC 6409), so every transaction is authenticated
     */
    record EhloContext(boolean tls, boolean authenticated, boolean authAllowed, boolean submission) {
    }

    /** The EHLO keywords (with their parameters) this extension offers now; often none or one. */
    List<String> keywords(EhloContext context);
}
