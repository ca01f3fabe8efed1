package io.mailplatform.delivery.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a whole SPF record before anything is evaluated, so that a syntax error anywhere gives
 * permerror (RFC 7208 §4.6). Grammar from RFC 7208 §4.6.1 and §12 (ABNF).
 */
final class SpfRecordParser {
    private static final Pattern MODIFIER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    /** [ ":" domain-spec ] [ dual-cidr-length ], the domain-spec taken as short as the CIDR suffix allows. */
    private static final Pattern DOMAIN_AND_CIDR = Pattern.compile("(?s)(.*?)(?:/(\\d+))?(?://(\\d+))?");
    private static final Pattern IP_AND_CIDR = Pattern.compile("(?s)(.*?)(?:/(\\d+))?");

    private SpfRecordParser() {
    }

    /** Whether a TXT string is an SPF record: "v=spf1" alone or followed by a space (RFC 7208 §4.5). */
    static boolean isSpfRecord(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    static SpfRecord parse(String text) throws SpfSyntaxException {
        if (!isSpfRecord(text)) {
            throw new SpfSyntaxException("not an SPF record");
        }
        List<SpfRecord.Directive> directives = new ArrayList<>();
        MacroString redirect = null;
        MacroString explanation = null;
        // terms are separated by one or more spaces, and only by spaces (RFC 7208 §4.6.1)
        for (String term : text.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            int equals = term.indexOf('=');
            if (equals > 0 && MODIFIER_NAME.matcher(term.substring(0, equals)).matches()) {
                String name = term.substring(0, equals).toLowerCase(Locale.ROOT);
                String value = term.substring(equals + 1);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) {
                            throw new SpfSyntaxException("redirect= appears twice"); // RFC 7208 §6
                        }
                        redirect = MacroString.domainSpec(value);
                    }
                    case "exp" -> {
                        if (explanation != null) {
                            throw new SpfSyntaxException("exp= appears twice");
                        }
                        explanation = MacroString.domainSpec(value);
                    }
                    default -> MacroString.modifierValue(value); // unknown modifiers are ignored, but must be valid (RFC 7208 §6)
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(List.copyOf(directives), redirect, explanation);
    }

    private static SpfRecord.Directive directive(String term) throws SpfSyntaxException {
        Qualifier qualifier = Qualifier.of(term.charAt(0));
        String mechanism = qualifier == null ? term : term.substring(1);
        if (qualifier == null) {
            qualifier = Qualifier.PASS;
        }
        int end = 0;
        while (end < mechanism.length() && mechanism.charAt(end) != ':' && mechanism.charAt(end) != '/') {
            end++;
        }
        String name = mechanism.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = mechanism.substring(end);
        return new SpfRecord.Directive(qualifier, switch (name) {
            case "all" -> {
                requireEmpty(rest, name);
                yield new Mechanism.All();
            }
            case "include" -> new Mechanism.Include(MacroString.domainSpec(argument(rest, name)));
            case "exists" -> new Mechanism.Exists(MacroString.domainSpec(argument(rest, name)));
            case "ptr" -> {
                if (rest.isEmpty()) {
                    yield new Mechanism.Ptr(null);
                }
                yield new Mechanism.Ptr(MacroString.domainSpec(argument(rest, name)));
            }
            case "a", "mx" -> hostMechanism(name, rest);
            case "ip4" -> ip(rest, false);
            case "ip6" -> ip(rest, true);
            default -> throw new SpfSyntaxException("unknown mechanism '" + name + "'");
        });
    }

    private static Mechanism hostMechanism(String name, String rest) throws SpfSyntaxException {
        String spec;
        String cidrs;
        if (rest.startsWith(":")) {
            Matcher m = DOMAIN_AND_CIDR.matcher(rest.substring(1));
            if (!m.matches()) {
                throw new SpfSyntaxException("bad " + name + " mechanism");
            }
            spec = m.group(1);
            cidrs = rest.substring(1 + spec.length());
        } else {
            spec = null;
            cidrs = rest;
        }
        Matcher m = Pattern.compile("(?:/(\\d+))?(?://(\\d+))?").matcher(cidrs);
        if (!m.matches()) {
            throw new SpfSyntaxException("bad CIDR length '" + cidrs + "'");
        }
        int cidr4 = cidr(m.group(1), 32);
        int cidr6 = cidr(m.group(2), 128);
        MacroString domain = spec == null ? null : MacroString.domainSpec(spec);
        return name.equals("a") ? new Mechanism.A(domain, cidr4, cidr6) : new Mechanism.Mx(domain, cidr4, cidr6);
    }

    private static Mechanism ip(String rest, boolean ipv6) throws SpfSyntaxException {
        if (!rest.startsWith(":")) {
            throw new SpfSyntaxException("ip" + (ipv6 ? "6" : "4") + " needs a network");
        }
        Matcher m = IP_AND_CIDR.matcher(rest.substring(1));
        if (!m.matches()) {
            throw new SpfSyntaxException("bad ip mechanism");
        }
        byte[] network = ipv6 ? IpAddresses.parseIp6(m.group(1)) : IpAddresses.parseIp4(m.group(1));
        if (network == null) {
            throw new SpfSyntaxException("invalid IP network '" + m.group(1) + "'");
        }
        int cidr = cidr(m.group(2), ipv6 ? 128 : 32);
        return ipv6 ? new Mechanism.Ip6(network, cidr) : new Mechanism.Ip4(network, cidr);
    }

    /** A CIDR length: no leading zeros, at most {@code max}; absent means {@code max}. */
    private static int cidr(String digits, int max) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        if (digits.length() > 3 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new SpfSyntaxException("invalid CIDR length " + digits);
        }
        int value = Integer.parseInt(digits);
        if (value > max) {
            throw new SpfSyntaxException("CIDR length " + value + " exceeds " + max);
        }
        return value;
    }

    private static String argument(String rest, String name) throws SpfSyntaxException {
        if (!rest.startsWith(":")) {
            throw new SpfSyntaxException(name + " needs ':' domain-spec");
        }
        return rest.substring(1);
    }

    private static void requireEmpty(String rest, String name) throws SpfSyntaxException {
        if (!rest.isEmpty()) {
            throw new SpfSyntaxException(name + " takes no argument");
        }
    }
}
