package io.mailplatform.smtp.policy;

/** Where a recipient address leads, as the directory says. */
public enum RecipientRoute {
    /** A local domain with somewhere to deliver: an account, alias, list, subaddress or catch-all. */
    LOCAL,
    /** A local domain without such an address. */
    LOCAL_UNKNOWN,
    /** Not one of our domains: relaying. */
    REMOTE
}
