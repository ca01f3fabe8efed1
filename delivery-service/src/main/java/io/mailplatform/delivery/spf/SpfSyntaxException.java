package io.mailplatform.delivery.spf;

/** A record, domain-spec or macro string that does not follow RFC 7208: check_host() returns permerror. */
class SpfSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SpfSyntaxException(String message) {
        super(message);
    }
}
