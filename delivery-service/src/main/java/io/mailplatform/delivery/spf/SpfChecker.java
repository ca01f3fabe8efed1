package io.mailplatform.delivery.spf;

import io.mailplatform.delivery.dns.DnsAnswer;
import io.mailplatform.delivery.dns.DnsException;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.dns.MailExchange;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The check_host() function of RFC 7208: fetches and evaluates the SPF record of a domain for a
 * client IP address. Thread-safe; every call has its own counters and deadline.
 */
public final class SpfChecker {
    /** RFC 7208 §4.6.4: at most 10 terms that cause DNS queries. */
    static final int LOOKUP_LIMIT = 10;
    /** RFC 7208 §4.6.4: at most 2 queries answering NXDOMAIN or no records (the recommended default). */
    static final int VOID_LOOKUP_LIMIT = 2;
    /** RFC 7208 §4.6.4: at most 10 MX exchanges or PTR names looked up per mechanism. */
    static final int NAME_LIMIT = 10;

    private final DnsResolver dns;
    private final MacroString defaultExplanation;
    private final String receiver;
    private final Duration timeout;
    private final Duration temperrorTtl;
    private final Clock clock;

    /**
     * @param dns the resolver
     * @param defaultExplanation the explanation of a fail without a usable exp=, a macro-string
     * @param receiver the "r" macro: this host's domain name
     * @param timeout the most one check may take (RFC 7208 §4.6.4: at least 20 s); then temperror
     * @param temperrorTtl how long a temperror may be reused (the resolver's failure caching time)
     * @param clock for the "t" macro and the deadline
     */
    public SpfChecker(DnsResolver dns, String defaultExplanation, String receiver, Duration timeout,
            Duration temperrorTtl, Clock clock) {
        this.dns = dns;
        try {
            this.defaultExplanation = MacroString.explanation(defaultExplanation);
        } catch (SpfSyntaxException e) {
            throw new IllegalArgumentException("invalid default SPF explanation: " + e.getMessage(), e);
        }
        this.receiver = receiver;
        this.timeout = timeout;
        this.temperrorTtl = temperrorTtl;
        this.clock = clock;
    }

    /**
     * A verdict and what it depends on, for caching it.
     *
     * @param verdict the result
     * @param ttl how long it holds: the smallest TTL of the DNS answers it came from (zero when the check
     *        ran out of time)
     * @param usesLocalPart whether the sender's local part went into it (the "l" or "s" macro), so that it
     *        holds for this sender only, not for the whole domain
     */
    public record Evaluation(SpfVerdict verdict, Duration ttl, boolean usesLocalPart) {
    }

    /**
     * check_host(ip, domain, sender) with the HELO name for the "h" macro (RFC 7208 §4).
     *
     * @param ip the SMTP client's address
     * @param domain the domain to check: the MAIL FROM domain, or the HELO name
     * @param sender the MAIL FROM address, or {@code postmaster@<helo>} for the null reverse-path
     * @param helo the HELO/EHLO argument
     */
    public SpfVerdict checkHost(InetAddress ip, String domain, String sender, String helo) {
        return evaluate(ip, domain, sender, helo).verdict();
    }

    /** {@link #checkHost} with how long its verdict holds. */
    public Evaluation evaluate(InetAddress ip, String domain, String sender, String helo) {
        Check check = new Check(IpAddresses.unmap(ip), sender, helo == null ? "" : helo,
                clock.millis() + timeout.toMillis());
        String name = stripDot(domain == null ? "" : domain);
        if (!isMultiLabelName(name)) {
            // RFC 7208 §4.3: a malformed or single-label domain gives none, without any query
            return new Evaluation(new SpfVerdict(SpfResult.NONE, null, "'" + domain + "' is not a valid domain name"),
                    Duration.ofDays(1), false);
        }
        SpfVerdict verdict;
        try {
            verdict = check.evaluate(name);
        } catch (TempError e) {
            verdict = new SpfVerdict(SpfResult.TEMPERROR, null, e.getMessage());
            check.expiresWithin(e.outOfTime ? Duration.ZERO : temperrorTtl);
        } catch (PermError e) {
            verdict = new SpfVerdict(SpfResult.PERMERROR, null, e.getMessage());
        }
        return new Evaluation(verdict, check.ttl, check.usesLocalPart);
    }

    // ---- one evaluation ----------------------------------------------------------------------

    private static final class TempError extends Exception {
        private static final long serialVersionUID = 1L;
        /** The check ran out of time, rather than DNS failing. */
        final boolean outOfTime;

        TempError(String message, boolean outOfTime) {
            super(message, null, false, false);
            this.outOfTime = outOfTime;
        }
    }

    private static final class PermError extends Exception {
        private static final long serialVersionUID = 1L;

        PermError(String message) {
            super(message, null, false, false);
        }
    }

    private final class Check {
        private final InetAddress ip;
        private final String sender;
        private final String localPart;
        private final String senderDomain;
        private final String helo;
        private final long deadline;
        private int lookups;
        private int voids;
        private String validatedName;
        /** The smallest TTL of the answers used so far. */
        private Duration ttl = Duration.ofDays(1);
        private boolean usesLocalPart;

        Check(InetAddress ip, String sender, String helo, long deadline) {
            this.ip = ip;
            int at = sender.lastIndexOf('@');
            String local = at < 0 ? "" : sender.substring(0, at);
            this.localPart = local.isEmpty() ? "postmaster" : local; // RFC 7208 §4.3
            this.senderDomain = at < 0 ? sender : sender.substring(at + 1);
            this.sender = this.localPart + "@" + senderDomain;
            this.helo = helo;
            this.deadline = deadline;
        }

        /** Evaluates the record of {@code domain}: the full check_host() for it (RFC 7208 §4.4-4.7). */
        SpfVerdict evaluate(String domain) throws TempError, PermError {
            SpfRecord record = fetch(domain);
            if (record == null) {
                return new SpfVerdict(SpfResult.NONE, null, "no SPF record for " + domain);
            }
            for (SpfRecord.Directive directive : record.directives()) {
                if (directive.mechanism().queriesDns() && ++lookups > LOOKUP_LIMIT) {
                    throw new PermError("more than " + LOOKUP_LIMIT + " DNS-querying terms");
                }
                if (matches(directive.mechanism(), domain)) {
                    SpfResult result = directive.qualifier().result;
                    String explanation = result == SpfResult.FAIL ? explain(record, domain) : null;
                    return new SpfVerdict(result, explanation, "matched " + describe(directive) + " in " + domain);
                }
            }
            // RFC 7208 §6.1: redirect applies when no mechanism matched (a record with "all" always matches)
            if (record.redirect() != null && !record.hasAll()) {
                if (++lookups > LOOKUP_LIMIT) {
                    throw new PermError("more than " + LOOKUP_LIMIT + " DNS-querying terms");
                }
                String target = MacroExpander.domain(record.redirect(), values(domain));
                if (!isQueryableName(target)) {
                    throw new PermError("redirect to malformed domain '" + target + "'");
                }
                SpfVerdict redirected = evaluate(target);
                if (redirected.result() == SpfResult.NONE) {
                    throw new PermError("redirect target " + target + " has no SPF record");
                }
                return redirected;
            }
            return new SpfVerdict(SpfResult.NEUTRAL, null, "no mechanism matched in " + domain);
        }

        /** The single SPF record of a domain, null if none (RFC 7208 §4.5). */
        private SpfRecord fetch(String domain) throws TempError, PermError {
            List<String> records = new ArrayList<>();
            for (String txt : txt(domain)) {
                if (SpfRecordParser.isSpfRecord(txt)) {
                    records.add(txt);
                }
            }
            if (records.isEmpty()) {
                return null;
            }
            if (records.size() > 1) {
                throw new PermError(domain + " has " + records.size() + " SPF records");
            }
            try {
                return SpfRecordParser.parse(records.get(0));
            } catch (SpfSyntaxException e) {
                throw new PermError("SPF record of " + domain + ": " + e.getMessage());
            }
        }

        private boolean matches(Mechanism mechanism, String domain) throws TempError, PermError {
            if (mechanism instanceof Mechanism.All) {
                return true;
            }
            if (mechanism instanceof Mechanism.Ip4 ip4) {
                return ip instanceof Inet4Address && IpAddresses.inNetwork(ip.getAddress(), ip4.network(), ip4.cidr());
            }
            if (mechanism instanceof Mechanism.Ip6 ip6) {
                return ip instanceof Inet6Address && IpAddresses.inNetwork(ip.getAddress(), ip6.network(), ip6.cidr());
            }
            if (mechanism instanceof Mechanism.A a) {
                String target = target(a.domainSpec(), domain);
                return target != null && matchesAny(addressesCountingVoid(target), a.cidr4(), a.cidr6());
            }
            if (mechanism instanceof Mechanism.Mx mx) {
                return matchesMx(mx, domain);
            }
            if (mechanism instanceof Mechanism.Ptr ptr) {
                String target = target(ptr.domainSpec(), domain);
                if (target == null) {
                    return false;
                }
                for (String name : validatedNames(true)) {
                    if (isSameOrSubdomain(name, target)) {
                        return true;
                    }
                }
                return false;
            }
            if (mechanism instanceof Mechanism.Exists exists) {
                String target = target(exists.domainSpec(), domain);
                if (target == null) {
                    return false;
                }
                // RFC 7208 §5.7: always an A query, whatever the client's address family
                List<InetAddress> found = query(() -> dns.addresses(target, false));
                countVoid(found.isEmpty());
                return !found.isEmpty();
            }
            Mechanism.Include include = (Mechanism.Include) mechanism;
            String target = MacroExpander.domain(include.domainSpec(), values(domain));
            if (!isQueryableName(target)) {
                throw new PermError("include of malformed domain '" + target + "'");
            }
            // RFC 7208 §5.2: the included record's result decides whether "include" matches
            SpfVerdict included = evaluate(target);
            return switch (included.result()) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> false;
                case TEMPERROR -> throw new TempError(included.problem(), false);
                case PERMERROR -> throw new PermError(included.problem());
                case NONE -> throw new PermError("included domain " + target + " has no SPF record");
            };
        }

        private boolean matchesMx(Mechanism.Mx mx, String domain) throws TempError, PermError {
            String target = target(mx.domainSpec(), domain);
            if (target == null) {
                return false;
            }
            List<MailExchange> exchanges = query(() -> dns.mx(target));
            countVoid(exchanges.isEmpty());
            if (exchanges.size() > NAME_LIMIT) {
                throw new PermError(target + " has more than " + NAME_LIMIT + " MX records");
            }
            for (MailExchange exchange : exchanges) {
                String name = stripDot(exchange.exchange());
                if (name.isEmpty() || !isQueryableName(name)) {
                    continue; // null MX (RFC 7505) or unusable name
                }
                if (matchesAny(query(() -> dns.addresses(name, ip instanceof Inet6Address)), mx.cidr4(), mx.cidr6())) {
                    return true;
                }
            }
            return false;
        }

        /** The expanded target of a mechanism, or null when it cannot be a DNS name (no match, RFC 7208 §4.8). */
        private String target(MacroString spec, String domain) {
            String target = spec == null ? domain : MacroExpander.domain(spec, values(domain));
            return isQueryableName(target) ? target : null;
        }

        private List<InetAddress> addressesCountingVoid(String name) throws TempError, PermError {
            List<InetAddress> found = query(() -> dns.addresses(name, ip instanceof Inet6Address));
            countVoid(found.isEmpty());
            return found;
        }

        private boolean matchesAny(List<InetAddress> addresses, int cidr4, int cidr6) {
            for (InetAddress address : addresses) {
                boolean v4 = address instanceof Inet4Address;
                if (v4 == (ip instanceof Inet4Address)
                        && IpAddresses.inNetwork(ip.getAddress(), address.getAddress(), v4 ? cidr4 : cidr6)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The client's names whose forward look-up gives its address back (RFC 7208 §5.5), at most 10
         * PTR names tried; DNS errors make a name (or the whole PTR look-up) not count.
         */
        private List<String> validatedNames(boolean countVoid) throws TempError {
            List<String> names;
            try {
                names = query(() -> dns.ptr(IpAddresses.reverseName(ip)));
            } catch (TempError e) {
                if (clock.millis() > deadline) {
                    throw e;
                }
                return List.of();
            }
            if (countVoid) {
                try {
                    countVoid(names.isEmpty());
                } catch (PermError e) {
                    // a void PTR answer cannot fail the check on the sender's behalf: the sender does not control it
                    return List.of();
                }
            }
            List<String> validated = new ArrayList<>();
            for (String name : names.subList(0, Math.min(NAME_LIMIT, names.size()))) {
                String host = stripDot(name);
                if (!isQueryableName(host)) {
                    continue;
                }
                try {
                    for (InetAddress address : query(() -> dns.addresses(host, ip instanceof Inet6Address))) {
                        if (address.equals(ip)) {
                            validated.add(host);
                            break;
                        }
                    }
                } catch (TempError e) {
                    if (clock.millis() > deadline) {
                        throw e;
                    }
                }
            }
            return validated;
        }

        /** The explanation of a fail (RFC 7208 §6.2); any problem with exp= falls back to the default. */
        private String explain(SpfRecord record, String domain) {
            MacroExpander.Values values = values(domain);
            if (record.explanation() != null) {
                try {
                    String target = MacroExpander.domain(record.explanation(), values);
                    if (isQueryableName(target)) {
                        DnsAnswer<String> answer = dns.txt(target);
                        expiresWithin(answer.ttl());
                        List<String> texts = answer.records();
                        if (texts.size() == 1) {
                            return MacroExpander.expand(MacroString.explanation(texts.get(0)), values);
                        }
                    }
                } catch (DnsException | SpfSyntaxException e) {
                    // RFC 7208 §6.2: proceed as if no exp modifier was given
                }
            }
            return MacroExpander.expand(defaultExplanation, values);
        }

        private List<String> txt(String domain) throws TempError {
            return query(() -> dns.txt(domain));
        }

        private <T> List<T> query(Query<T> query) throws TempError {
            if (clock.millis() > deadline) {
                throw new TempError("SPF evaluation exceeded " + timeout.toSeconds() + " s", true);
            }
            try {
                DnsAnswer<T> answer = query.run();
                expiresWithin(answer.ttl());
                return answer.records();
            } catch (DnsException e) {
                throw new TempError("DNS: " + e.getMessage(), false);
            }
        }

        void expiresWithin(Duration limit) {
            if (limit.compareTo(ttl) < 0) {
                ttl = limit;
            }
        }

        private void countVoid(boolean isVoid) throws PermError {
            if (isVoid && ++voids > VOID_LOOKUP_LIMIT) {
                throw new PermError("more than " + VOID_LOOKUP_LIMIT + " void DNS lookups");
            }
        }

        MacroExpander.Values values(String domain) {
            Check check = this;
            return new MacroExpander.Values() {
                @Override
                public String sender() {
                    usesLocalPart = true;
                    return sender;
                }

                @Override
                public String localPart() {
                    usesLocalPart = true;
                    return localPart;
                }

                @Override
                public String senderDomain() {
                    return senderDomain;
                }

                @Override
                public String domain() {
                    return domain;
                }

                @Override
                public String ip() {
                    return IpAddresses.dotFormat(ip);
                }

                @Override
                public String validatedName() {
                    return check.validatedName(domain);
                }

                @Override
                public String ipVersion() {
                    return ip instanceof Inet4Address ? "in-addr" : "ip6";
                }

                @Override
                public String helo() {
                    return helo;
                }

                @Override
                public String clientIp() {
                    return IpAddresses.readable(ip);
                }

                @Override
                public String receiver() {
                    return receiver;
                }

                @Override
                public long timestamp() {
                    return clock.millis() / 1000;
                }
            };
        }

        /** The "p" macro: a validated name, preferring the domain itself, then a subdomain (RFC 7208 §7.3). */
        private String validatedName(String domain) {
            if (validatedName == null) {
                List<String> names;
                try {
                    names = validatedNames(false);
                } catch (TempError e) {
                    names = List.of();
                }
                String best = null;
                for (String name : names) {
                    if (name.equalsIgnoreCase(domain)) {
                        best = name;
                        break;
                    }
                    if (best == null && isSameOrSubdomain(name, domain)) {
                        best = name;
                    }
                }
                if (best == null && !names.isEmpty()) {
                    best = names.get(0);
                }
                validatedName = best == null ? "unknown" : best;
            }
            return validatedName;
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        DnsAnswer<T> run() throws DnsException;
    }

    private static String describe(SpfRecord.Directive directive) {
        String name = directive.mechanism().getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return (directive.qualifier() == Qualifier.PASS ? "" : String.valueOf(directive.qualifier().symbol)) + name;
    }

    static boolean isSameOrSubdomain(String name, String domain) {
        String n = stripDot(name).toLowerCase(Locale.ROOT);
        String d = stripDot(domain).toLowerCase(Locale.ROOT);
        return n.equals(d) || n.endsWith("." + d);
    }

    static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** A name DNS can be asked about: 1 to 63 octets per label, at most 253 in all. */
    static boolean isQueryableName(String name) {
        String n = stripDot(name);
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    /** RFC 7208 §4.3: the initial domain must be a queryable, multi-label name (not an address literal). */
    static boolean isMultiLabelName(String name) {
        return isQueryableName(name) && name.contains(".") && !name.startsWith("[");
    }
}
