package io.mailplatform.delivery.spf;

/**
 * The SPF checks of one message (RFC 7208 §2.3, §2.4).
 *
 * @param verdict the result that decides what happens to the message: the MAIL FROM identity, or
 *        {@code postmaster@<helo>} for the null reverse-path
 * @param identity "mailfrom" or "helo": which identity {@code verdict} is about
 * @param sender the sender checked for {@code verdict}
 * @param helo the separate HELO check, or null when the HELO name is not a domain name or is the decisive identity
 * @param clientIp the client address as text
 * @param heloName the HELO/EHLO argument
 */
public record SpfOutcome(SpfVerdict verdict, String identity, String sender, SpfVerdict helo, String clientIp,
        String heloName) {

    public SpfResult result() {
        return verdict.result();
    }

    /** The domain part of the checked sender. */
    public String domain() {
        return sender.substring(sender.lastIndexOf('@') + 1);
    }
}
