package io.mailplatform.delivery.spf;

/** A DNS query failed for a reason other than "no such name or data" (timeout, SERVFAIL): RFC 7208 temperror. */
public class DnsException extends Exception {
    private static final long serialVersionUID = 1L;

    public DnsException(String message) {
        super(message);
    }

    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
