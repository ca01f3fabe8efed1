package io.mailplatform.delivery.route;

/**
 * Why a recipient resolved to nothing: the RFC 3463 status and the text of the DSN's diagnostic.
 *
 * @param status the enhanced status code, e.g. "5.1.1"
 * @param reply the SMTP-style reply line for the Diagnostic-Code field
 * @param policy a refusal by policy (relaying, members-only lists, SRS addresses) rather than a delivery problem; the
 *        gateway makes these at RCPT, so an unverified sender is never sent a notification for one
 */
public record RouteFailure(String status, String reply, boolean policy) {
    static final RouteFailure UNKNOWN = new RouteFailure("5.1.1", "550 5.1.1 Recipient address unknown", false);
    static final RouteFailure BAD_SYNTAX = new RouteFailure("5.1.3", "501 5.1.3 Bad recipient address syntax", false);
    static final RouteFailure DISABLED = new RouteFailure("5.2.1", "550 5.2.1 Mailbox disabled", false);
    static final RouteFailure LOOP = new RouteFailure("5.4.6", "554 5.4.6 Routing loop detected in alias or list expansion",
            false);
    static final RouteFailure MEMBERS_ONLY = new RouteFailure("5.7.2",
            "550 5.7.2 Only members may send to this mailing list", true);
    static final RouteFailure TOO_MANY = new RouteFailure("5.2.4", "550 5.2.4 Mailing list expansion too large", false);
    static final RouteFailure SRS_INVALID = new RouteFailure("5.1.1", "550 5.1.1 No such address: invalid SRS address",
            true);
    static final RouteFailure SRS_EXPIRED = new RouteFailure("5.1.1", "550 5.1.1 No such address: SRS address expired",
            true);
    static final RouteFailure SRS_BOUNCES_ONLY = new RouteFailure("5.7.1",
            "550 5.7.1 This address accepts only bounces (MAIL FROM:<>)", true);
    static final RouteFailure RELAY_DENIED = new RouteFailure("5.7.1", "554 5.7.1 Relay access denied", true);
}
