package io.mailplatform.store.mailbox;

/**
 * A mailbox (IMAP folder) of one account, with the counters IMAP needs.
 *
 * @param id database id
 * @param accountId the owner
 * @param name full name, '/' as hierarchy delimiter; "INBOX" is always spelled so
 * @param uidValidity the UIDVALIDITY
 * @param uidNext the UID the next message will get
 * @param highestModSeq the highest MODSEQ of any change in this mailbox
 * @param specialUse the RFC 6154 attribute, or null
 * @param subscribed whether the mailbox is subscribed
 */
public record Mailbox(long id, long accountId, String name, long uidValidity, long uidNext, long highestModSeq,
        String specialUse, boolean subscribed) {

    public static final String INBOX = "INBOX";
    public static final char DELIMITER = '/';
}
