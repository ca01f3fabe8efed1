package io.mailplatform.delivery.spf;

import java.net.InetAddress;
import java.util.List;

/**
 * The DNS queries SPF needs. A name that does not exist (NXDOMAIN) and a name without records of
 * the type (NODATA) both answer an empty list; other failures throw {@link DnsException}.
 * Implementations follow CNAME chains as a recursive resolver does.
 */
public interface DnsResolver {

    /** TXT records, each one's character-strings concatenated, every octet one char (ISO-8859-1). */
    List<String> txt(String name) throws DnsException;

    /** A (IPv4) or AAAA (IPv6) addresses. */
    List<InetAddress> addresses(String name, boolean ipv6) throws DnsException;

    /** MX exchanges, in the order received; a null MX (RFC 7505) answers ".". */
    List<String> mx(String name) throws DnsException;

    /** PTR target names. */
    List<String> ptr(String name) throws DnsException;
}
