package io.mailplatform.delivery.dns;

import java.util.List;

/** Where mail for a domain goes (RFC 5321 §5.1), or why it cannot go anywhere. */
public sealed interface MxResolution {

    /** The domain asked about. */
    String domain();

    /**
     * Hosts to try in this order: by MX preference, hosts of equal preference shuffled.
     *
     * @param targets never empty
     */
    record Destinations(String domain, List<MxTarget> targets) implements MxResolution {
        public Destinations {
            targets = List.copyOf(targets);
        }
    }

    /** The domain publishes a null MX: it accepts no mail at all (RFC 7505); fail at once. */
    record NullMx(String domain) implements MxResolution {
        /** RFC 7505 §4.2, RFC 3463: "destination mailbox address invalid / domain accepts no mail". */
        public static final String STATUS = "5.1.10";
    }

    /**
     * No destination now.
     *
     * @param permanent true when DNS said so for sure (no such domain, no host with an address): a DSN;
     *        false for a failed look-up: try again later
     * @param status the RFC 3463 enhanced status code for a DSN or log
     * @param reason what DNS said
     */
    record Failure(String domain, boolean permanent, String status, String reason) implements MxResolution {
        /** The domain does not exist. */
        public static final String NO_SUCH_DOMAIN = "5.1.2";
        /** Neither MX hosts with addresses nor addresses of the domain itself. */
        public static final String UNROUTABLE = "5.4.4";
        /** A DNS look-up failed temporarily. */
        public static final String DNS_TEMPORARY = "4.4.3";
    }
}
