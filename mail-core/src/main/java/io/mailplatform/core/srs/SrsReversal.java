package io.mailplatform.core.srs;

import io.mailplatform.core.address.MailboxAddress;

/** What an SRS address of ours stands for: the address to return mail to, or why it is refused. */
public sealed interface SrsReversal {

    /**
     * A valid address: mail to it goes to {@code address}.
     *
     * @param address the original sender (from {@code SRS0}), or the {@code SRS0} address at the first
     *        forwarder (from {@code SRS1}), which that forwarder reverses in turn
     */
    record Reversed(MailboxAddress address) implements SrsReversal {
    }

    /** An address that is not, or no longer, one of ours. */
    record Refused(Reason reason) implements SrsReversal {
    }

    enum Reason {
        /** Not in the SRS0 or SRS1 form (a field is missing or empty, a timestamp character is not base32). */
        MALFORMED,
        /** The hash was made by none of the secrets: forged, or altered on the way. */
        BAD_HASH,
        /** The timestamp is older than the maximum age. */
        EXPIRED
    }
}
