package io.mailplatform.delivery.relay;

/** The outcome of routing a domain: the next hop, or why there is none now. */
public sealed interface Destination {

    /** Send to these hosts. */
    record Reachable(NextHop hop) implements Destination {
    }

    /**
     * No host to send to.
     *
     * @param permanent true when it will not get better (a DSN); false to try again later
     * @param status the RFC 3463 status
     * @param reason what was found, for the DSN's diagnostic and the queue's last error
     */
    record Unreachable(boolean permanent, String status, String reason) implements Destination {
    }
}
