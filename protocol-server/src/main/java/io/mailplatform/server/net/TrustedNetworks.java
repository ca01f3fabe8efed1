package io.mailplatform.server.net;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A set of networks in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address). */
public final class TrustedNetworks {
    private final List<IpSubnetFilterRule> rules;
    private final List<String> cidrs;

    private TrustedNetworks(List<IpSubnetFilterRule> rules, List<String> cidrs) {
        this.rules = rules;
        this.cidrs = cidrs;
    }

    /** Parses CIDR blocks; an address without a prefix length is a single host. */
    public static TrustedNetworks of(List<String> cidrs) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String cidr : cidrs) {
            String block = cidr.trim();
            if (block.isEmpty()) {
                continue;
            }
            if (block.indexOf('/') < 0) {
                block += block.indexOf(':') >= 0 ? "/128" : "/32";
            }
            try {
                rules.add(new IpSubnetFilterRule(block, IpFilterRuleType.ACCEPT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a network in CIDR notation: '" + cidr + "'", e);
            }
        }
        return new TrustedNetworks(List.copyOf(rules), List.copyOf(cidrs));
    }

    public static TrustedNetworks none() {
        return new TrustedNetworks(List.of(), List.of());
    }

    public boolean contains(InetSocketAddress address) {
        for (IpSubnetFilterRule rule : rules) {
            if (rule.matches(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public String toString() {
        return cidrs.toString();
    }
}
