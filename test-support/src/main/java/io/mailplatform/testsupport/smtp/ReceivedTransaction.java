package io.mailplatform.testsupport.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A mail transaction as the fake server received it, whatever it answered.
 *
 * @param heloName the EHLO/HELO argument of the session
 * @param tls whether the session ran over TLS
 * @param authenticatedUser the user that authenticated, or null
 * @param mailFrom what followed {@code MAIL FROM:}, parameters included
 * @param recipients what followed {@code RCPT TO:} for each recipient it accepted
 * @param content the message after dot-unstuffing (or the BDAT chunks joined), or null when the
 *        server was told not to keep content
 * @param size the size of the content
 * @param sha256 hex SHA-256 of the content
 * @param bdat whether it came in BDAT chunks (RFC 3030) rather than DATA
 * @param strayLineEnds whether the DATA text held a CR or LF that was not part of a CRLF
 * @param longestLine the longest line of the DATA text in octets, CRLF excluded
 * @param reply the reply the server gave to the message
 */
public record ReceivedTransaction(String heloName, boolean tls, String authenticatedUser, String mailFrom,
        List<String> recipients, byte[] content, long size, String sha256, boolean bdat, boolean strayLineEnds,
        long longestLine, String reply) {

    /** The content as UTF-8 text. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Whether the server accepted the message (a 2yz reply). */
    public boolean accepted() {
        return reply.startsWith("2");
    }

    /** The addresses of the accepted recipients, without brackets and parameters. */
    public List<String> recipientAddresses() {
        return recipients.stream().map(ReceivedTransaction::address).toList();
    }

    /** The reverse-path without brackets and parameters; empty for {@code <>}. */
    public String reversePath() {
        return address(mailFrom);
    }

    private static String address(String argument) {
        int open = argument.indexOf('<');
        int close = argument.indexOf('>', open + 1);
        return open < 0 || close < 0 ? argument : argument.substring(open + 1, close);
    }
}
