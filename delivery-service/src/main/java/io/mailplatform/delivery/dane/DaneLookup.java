package io.mailplatform.delivery.dane;

import java.util.Map;

/** DANE for an MX destination: which of its hosts must be authenticated by TLSA (RFC 7672 §2.2). */
public sealed interface DaneLookup {
    /** No DANE: disabled, or the MX answer is not DNSSEC-validated (then its TLSA records do not count). */
    DaneLookup NONE = new None();

    record None() implements DaneLookup {
    }

    /**
     * @param domain the recipient domain
     * @param hosts by lower-case MX host name, the hosts with secure TLSA records (usable ones, or a
     *        bogus answer); hosts not in it are tried as without DANE
     */
    record Secure(String domain, Map<String, DaneHost> hosts) implements DaneLookup {
        public Secure {
            hosts = Map.copyOf(hosts);
        }

        /** The DANE of this MX host, or null when it is used as without DANE. */
        public DaneHost host(String name) {
            return hosts.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
