package io.mailplatform.delivery.dns;

/**
 * A DNS look-up failed for a reason other than "no such name" or "no such record": no resolver
 * answered in time, or they answered SERVFAIL or REFUSED. A temporary condition (SPF temperror,
 * RFC 7208 §2.6.6; a relay retries later).
 */
public class DnsException extends Exception {
    private static final long serialVersionUID = 1L;

    public DnsException(String message) {
        super(message);
    }

    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
