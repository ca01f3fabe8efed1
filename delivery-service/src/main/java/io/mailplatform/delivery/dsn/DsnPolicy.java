package io.mailplatform.delivery.dsn;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.route.RouteFailure;
import java.util.Set;

/**
 * Who is told what about a message (RFC 3461, RFC 3464), so that the platform never mails
 * attacker-chosen content to an address someone else wrote in MAIL FROM (backscatter). The sender
 * of an authenticated submission has proved who it is and gets every notification it asks for.
 * The reverse path of any other message is unverified, so its notifications are limited:
 * <ul>
 * <li>failures only: NOTIFY=SUCCESS and DELAY are not honoured (the gateway does not offer DSN on
 *     its MX listener anyway);</li>
 * <li>the returned message is its header, never the full content, whatever RET says (RFC 3461 §4.3
 *     lets the reporting MTA return less);</li>
 * <li>nothing at all when SPF said {@code fail} (RFC 7208 §8.4: the sender is forged);</li>
 * <li>nothing for refusals by policy (relaying, members-only lists), which the gateway makes at RCPT;</li>
 * <li>nothing when the reverse path is a local list or an alias with several targets: a notification
 *     goes to one mailbox, never fanned out (see {@link DsnPlanner}).</li>
 * </ul>
 */
public final class DsnPolicy {
    private DsnPolicy() {
    }

    /** Whether the reverse path was proved by SMTP AUTH. */
    public static boolean verifiedSender(Envelope envelope) {
        return envelope.authenticatedUser() != null;
    }

    /**
     * Whether the sender asked (or did not refuse) to hear about this kind of outcome of this
     * recipient, and may be told.
     */
    public static boolean wanted(Envelope envelope, EnvelopeRecipient recipient, DsnNotify kind) {
        if (envelope.isNullReversePath()) {
            return false; // RFC 3461 §6.2, RFC 5321 §4.5.5: never a notification about a notification
        }
        if (kind != DsnNotify.FAILURE && !verifiedSender(envelope)) {
            return false;
        }
        if (recipient.notifyOn().isEmpty()) {
            return kind == DsnNotify.FAILURE; // RFC 3461 §4.1: without NOTIFY, FAILURE (and maybe DELAY) is implied
        }
        return recipient.notifyOn().contains(kind);
    }

    /**
     * Whether the relay warns the sender that delivery to this recipient is delayed: NOTIFY=DELAY, or
     * no NOTIFY at all (RFC 3461 §4.1 lets "FAILURE,DELAY" be assumed then); verified senders only.
     */
    public static boolean delayWarned(Envelope envelope, EnvelopeRecipient recipient) {
        return wanted(envelope, recipient, DsnNotify.DELAY)
                || (recipient.notifyOn().isEmpty() && !envelope.isNullReversePath() && verifiedSender(envelope));
    }

    /** Whether this failure of this recipient is reported to the sender. */
    public static boolean reported(Envelope envelope, EnvelopeRecipient recipient, RouteFailure failure) {
        return wanted(envelope, recipient, DsnNotify.FAILURE) && (verifiedSender(envelope) || !failure.policy());
    }

    /** Whether a notification carries the whole original message (RET=FULL) rather than its header. */
    public static boolean returnsContent(Envelope envelope) {
        return envelope.dsnReturn() == DsnReturn.FULL && verifiedSender(envelope);
    }

    /** Whether a notification may reach several mailboxes through a list or an alias with several targets. */
    public static boolean mayFanOut(Envelope envelope) {
        return verifiedSender(envelope);
    }

    /**
     * The recipient of a copy whose sender must hear nothing about it, whatever it asked: the copy is
     * kept with NOTIFY=NEVER, so that a later failure (a deferred delivery given up) reports nothing either.
     */
    public static EnvelopeRecipient silenced(EnvelopeRecipient recipient) {
        return new EnvelopeRecipient(recipient.address(), Set.of(DsnNotify.NEVER), recipient.originalRecipient());
    }
}
