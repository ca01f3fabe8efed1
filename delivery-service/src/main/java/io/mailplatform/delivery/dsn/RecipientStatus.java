package io.mailplatform.delivery.dsn;

import java.time.Instant;

/**
 * One per-recipient block of a delivery status notification (RFC 3464 §2.3).
 *
 * @param finalRecipient the recipient address the failure concerns
 * @param originalRecipient the RFC 3461 ORCPT value ({@code addr-type;xtext}), or null
 * @param action "failed", "delayed", "delivered" or "relayed" (RFC 3464 §2.3.3)
 * @param status the RFC 3463 status code, e.g. "5.1.1"
 * @param diagnostic the SMTP-style reply explaining it, for Diagnostic-Code
 * @param remoteMta the host name of the server that gave the diagnostic (RFC 3464 §2.3.5), or null
 * @param willRetryUntil for "delayed": when retries end (RFC 3464 §2.3.8), or null
 */
public record RecipientStatus(String finalRecipient, String originalRecipient, String action, String status,
        String diagnostic, String remoteMta, Instant willRetryUntil) {

    /** A status decided here, without a remote server. */
    public RecipientStatus(String finalRecipient, String originalRecipient, String action, String status,
            String diagnostic) {
        this(finalRecipient, originalRecipient, action, status, diagnostic, null, null);
    }
}
