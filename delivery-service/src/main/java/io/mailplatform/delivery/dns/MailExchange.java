package io.mailplatform.delivery.dns;

/**
 * One MX record (RFC 1035 §3.3.9).
 *
 * @param preference lower is preferred
 * @param exchange the host name without the trailing dot; "." for a null MX (RFC 7505)
 */
public record MailExchange(int preference, String exchange) {
    public static final String NULL_EXCHANGE = ".";

    /** Whether this is the null MX of RFC 7505: "this domain accepts no mail". */
    public boolean isNull() {
        return NULL_EXCHANGE.equals(exchange);
    }
}
