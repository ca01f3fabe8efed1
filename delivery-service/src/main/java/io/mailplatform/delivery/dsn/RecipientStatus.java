package io.mailplatform.delivery.dsn;

/**
 * One per-recipient block of a delivery status notification (RFC 3464 §2.3).
 *
 * @param finalRecipient the recipient address the failure concerns
 * @param originalRecipient the RFC 3461 ORCPT value ({@code addr-type;xtext}), or null
 * @param action "failed" or "delayed" (RFC 3464 §2.3.3)
 * @param status the RFC 3463 status code, e.g. "5.1.1"
 * @param diagnostic the SMTP-style reply explaining it, for Diagnostic-Code
 */
public record RecipientStatus(String finalRecipient, String originalRecipient, String action, String status,
        String diagnostic) {
}
