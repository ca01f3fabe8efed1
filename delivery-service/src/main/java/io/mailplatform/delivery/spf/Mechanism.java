package io.mailplatform.delivery.spf;

/** The mechanisms of RFC 7208 §5; {@code domainSpec} is an unexpanded macro string, null for "the current domain". */
sealed interface Mechanism {

    /** Whether evaluating it counts toward the limit of 10 DNS-querying terms (RFC 7208 §4.6.4). */
    default boolean queriesDns() {
        return true;
    }

    record All() implements Mechanism {
        @Override
        public boolean queriesDns() {
            return false;
        }
    }

    record Include(MacroString domainSpec) implements Mechanism {
    }

    record A(MacroString domainSpec, int cidr4, int cidr6) implements Mechanism {
    }

    record Mx(MacroString domainSpec, int cidr4, int cidr6) implements Mechanism {
    }

    record Ptr(MacroString domainSpec) implements Mechanism {
    }

    record Ip4(byte[] network, int cidr) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return false;
        }
    }

    record Ip6(byte[] network, int cidr) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return false;
        }
    }

    record Exists(MacroString domainSpec) implements Mechanism {
    }
}
