package io.mailplatform.standalone.faults;

import java.util.Set;

/**
 * One try at sending one message: its unique token (in Subject and Message-ID), the octets the
 * client sent (after dot-unstuffing: what the platform must store), the accounts its accepted
 * recipients stand for, and how it ended.
 */
record Attempt(String token, byte[] message, Set<String> accounts, Outcome outcome, String reply) {

    enum Outcome {
        /** 250 to the end of the message: must be in each account's mailbox exactly once. */
        ACCEPTED,
        /** A refusal (e.g. 451 while Kafka or PostgreSQL was away): must be in none; the client retries with a new attempt. */
        REFUSED,
        /** The client dropped the connection in the middle of DATA or BDAT: must be in none. */
        ABORTED,
        /** The connection failed without a reply to the end of the message: must be in none either (no network fault is injected after it). */
        NO_REPLY
    }
}
