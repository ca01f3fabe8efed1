package io.mailplatform.delivery.dns;

import java.net.InetAddress;

/**
 * The DNS look-ups of SPF and mail routing. Each answers the records of the asked type at the end of
 * any CNAME chain, with how long the answer may be relied on; a name that does not exist (NXDOMAIN)
 * and a name without records of the type (NODATA) are answers, not errors. Everything else (no
 * answer in time, SERVFAIL) throws {@link DnsException}.
 */
public interface DnsResolver {

    /** TXT records, each one's character-strings concatenated, every octet one char (ISO-8859-1). */
    DnsAnswer<String> txt(String name) throws DnsException;

    /** A (IPv4) or AAAA (IPv6) addresses. */
    DnsAnswer<InetAddress> addresses(String name, boolean ipv6) throws DnsException;

    /** MX records, in the order received; a null MX (RFC 7505) has the exchange ".". */
    DnsAnswer<MailExchange> mx(String name) throws DnsException;

    /** PTR target names. */
    DnsAnswer<String> ptr(String name) throws DnsException;
}
