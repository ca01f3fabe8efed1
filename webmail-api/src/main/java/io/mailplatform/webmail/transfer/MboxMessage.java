package io.mailplatform.webmail.transfer;

import io.mailplatform.store.mailbox.MessageFlags;
import java.time.Instant;

/**
 * One message split out of an mbox file.
 *
 * @param number its position in the file, from 1
 * @param fromLineDate the date of its {@code From_} line, or null when that line has none readable
 * @param flags from its {@code Status}/{@code X-Status}/{@code X-Keywords} fields
 * @param raw the message with CRLF line ends, those fields removed and mboxrd quoting undone; null when
 *        it was larger than the reader's limit
 * @param size its size in octets (as read, when it was too large)
 */
public record MboxMessage(int number, Instant fromLineDate, MessageFlags flags, byte[] raw, long size) {

    public boolean tooLarge() {
        return raw == null;
    }
}
