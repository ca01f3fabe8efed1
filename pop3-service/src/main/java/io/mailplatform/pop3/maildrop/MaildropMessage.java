package io.mailplatform.pop3.maildrop;

import io.mailplatform.pop3.command.MessageNumber;

/**
 * One message of a maildrop snapshot.
 *
 * @param number its message number for the session
 * @param uid its UID in the INBOX
 * @param storedSize its size in the store (where reading its content ends)
 * @param octets its size in the CRLF form RETR sends (RFC 1939 §11), announced by STAT and LIST
 */
public record MaildropMessage(MessageNumber number, long uid, int storedSize, long octets) {
}
