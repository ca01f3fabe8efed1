package io.mailplatform.delivery.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The destinations of a domain (RFC 5321 §5.1): its MX hosts by preference, hosts of equal
 * preference in random order (to spread the load), each with its IPv6 and IPv4 addresses; the
 * domain's own addresses when it has no MX records (the implicit MX); a null MX (RFC 7505) as a
 * result of its own. CNAMEs are followed by the resolver. Hosts without any address are left out;
 * if none is left, the result is a permanent failure unless a look-up failed temporarily.
 */
public final class MxResolver {
    private final DnsResolver dns;
    private final int maxHosts;
    private final Random random;

    /**
     * @param dns the resolver
     * @param maxHosts most MX hosts whose addresses are looked up, in preference order
     * @param random shuffles hosts of equal preference
     */
    public MxResolver(DnsResolver dns, int maxHosts, Random random) {
        this.dns = dns;
        this.maxHosts = maxHosts;
        this.random = random;
    }

    public MxResolution resolve(String domain) {
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        DnsAnswer<MailExchange> mx;
        try {
            mx = dns.mx(name);
        } catch (DnsException e) {
            return temporary(name, e);
        }
        if (!mx.nameExists()) {
            return new MxResolution.Failure(name, true, MxResolution.Failure.NO_SUCH_DOMAIN, name + " does not exist");
        }
        if (mx.isEmpty()) {
            // RFC 5321 §5.1: no MX records, the domain itself is the implicit MX with preference 0
            return destinations(name, List.of(new MailExchange(0, name)));
        }
        List<MailExchange> exchanges = new ArrayList<>();
        for (MailExchange exchange : mx.records()) {
            if (!exchange.isNull()) {
                exchanges.add(exchange);
            }
        }
        if (exchanges.isEmpty()) {
            return new MxResolution.NullMx(name); // RFC 7505 §3: the domain accepts no mail
        }
        return destinations(name, ordered(exchanges));
    }

    /** By preference; equal preferences shuffled (RFC 5321 §5.1). */
    private List<MailExchange> ordered(List<MailExchange> exchanges) {
        Collections.shuffle(exchanges, random);
        exchanges.sort(Comparator.comparingInt(MailExchange::preference)); // stable: keeps the shuffle within a preference
        return exchanges.subList(0, Math.min(maxHosts, exchanges.size()));
    }

    private MxResolution destinations(String domain, List<MailExchange> exchanges) {
        List<MxTarget> targets = new ArrayList<>();
        List<String> temporary = new ArrayList<>();
        for (MailExchange exchange : exchanges) {
            List<InetAddress> addresses = new ArrayList<>();
            for (boolean ipv6 : new boolean[] {true, false}) {
                try {
                    addresses.addAll(dns.addresses(exchange.exchange(), ipv6).records());
                } catch (DnsException e) {
                    temporary.add(e.getMessage());
                }
            }
            if (!addresses.isEmpty()) {
                targets.add(new MxTarget(exchange.exchange(), exchange.preference(), addresses));
            }
        }
        if (!targets.isEmpty()) {
            return new MxResolution.Destinations(domain, targets);
        }
        if (!temporary.isEmpty()) {
            return new MxResolution.Failure(domain, false, MxResolution.Failure.DNS_TEMPORARY, String.join("; ", temporary));
        }
        return new MxResolution.Failure(domain, true, MxResolution.Failure.UNROUTABLE,
                "no address for " + (exchanges.size() == 1 && exchanges.get(0).exchange().equalsIgnoreCase(domain)
                        ? domain : "any MX host of " + domain));
    }

    private static MxResolution temporary(String domain, DnsException e) {
        return new MxResolution.Failure(domain, false, MxResolution.Failure.DNS_TEMPORARY, e.getMessage());
    }
}
