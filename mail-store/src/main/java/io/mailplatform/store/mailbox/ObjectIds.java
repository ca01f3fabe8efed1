package io.mailplatform.store.mailbox;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The object ids of RFC 8474 (IMAP OBJECTID) and of any API that wants the same: a MAILBOXID per
 * mailbox, an EMAILID per message and a THREADID per thread, each a truncated SHA-256 over the
 * account's random salt ({@code accounts.object_id_salt}, migration V42), a kind octet and the
 * mailbox id, content id or thread id ({@code messages.thread_id}, migration V51).
 *
 * <p>A mailbox keeps its row (and id) across RENAME, and COPY and MOVE keep the message's content
 * row, so both ids are stable; mailbox ids come from a sequence, so a deleted and re-created mailbox
 * gets another. Copies of one content within an account share an EMAILID, as RFC 8474 §5.1 allows
 * for identical messages. The salt keeps ids of different accounts unrelated: the recipients of one
 * delivery share its content row, and a bare content id would let them find each other. A thread's
 * id is the content id of its first message, so it too is only ever shown salted.
 */
@Component
public class ObjectIds {
    /** Octets of the digest kept: 96 bits, 24 hex digits. */
    static final int DIGEST_OCTETS = 12;

    private final JdbcClient jdbc;

    public ObjectIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The ids of one account: its salt, read by primary key. Not cached across commands: a cache
     * keyed by account id would outlive a database restored or reset under it (ids start again).
     */
    public Account of(long accountId) {
        byte[] salt = jdbc.sql("SELECT uuid_send(object_id_salt) FROM accounts WHERE id = ?").param(accountId)
                .query(byte[].class).optional().orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        return new Account(salt);
    }

    /** The object ids of one account. */
    public static final class Account {
        private static final byte MAILBOX = 'F';
        private static final byte EMAIL = 'M';
        private static final byte THREAD = 'T';
        private final byte[] salt;

        Account(byte[] salt) {
            this.salt = salt.clone();
        }

        /** MAILBOXID: {@code F} and 24 hex digits. */
        public String mailboxId(long mailboxId) {
            return "F" + HexFormat.of().formatHex(digest(MAILBOX, mailboxId));
        }

        /** EMAILID: {@code M} and 24 hex digits. */
        public String emailId(long contentId) {
            return "M" + HexFormat.of().formatHex(digest(EMAIL, contentId));
        }

        /** THREADID: {@code T} and 24 hex digits, from {@link MessageMeta#threadId()}. */
        public String threadId(long threadId) {
            return "T" + HexFormat.of().formatHex(digest(THREAD, threadId));
        }

        private byte[] digest(byte kind, long id) {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            sha256.update(salt);
            sha256.update(kind);
            // the octets of PostgreSQL's int8send, so a search can compute the same digest in SQL
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(id).array());
            return Arrays.copyOf(sha256.digest(), DIGEST_OCTETS);
        }
    }

    /**
     * SQL for the EMAILID digest of the {@code messages} row {@code m}, the same octets as
     * {@link Account#emailId} computes: for SEARCH EMAILID, where the store holds no id to look up.
     */
    public static final String EMAIL_DIGEST_SQL = digestSql('M', "m.content_id");

    /** SQL for the THREADID digest of the {@code messages} row {@code m}, as {@link Account#threadId} computes. */
    public static final String THREAD_DIGEST_SQL = digestSql('T', "m.thread_id");

    private static String digestSql(char kind, String idColumn) {
        return "substr(sha256((SELECT uuid_send(a.object_id_salt) FROM accounts a"
                + " JOIN mailboxes b ON b.account_id = a.id WHERE b.id = m.mailbox_id) || '" + kind + "'::bytea"
                + " || int8send(" + idColumn + ")), 1, " + DIGEST_OCTETS + ")";
    }

    /** The digest octets an EMAILID names, or null when the text is not an EMAILID this server gives out. */
    public static byte[] emailIdDigest(String emailId) {
        return digestOf('M', emailId);
    }

    /** The digest octets a THREADID names, or null when the text is not a THREADID this server gives out. */
    public static byte[] threadIdDigest(String threadId) {
        return digestOf('T', threadId);
    }

    private static byte[] digestOf(char kind, String id) {
        if (id.length() != 1 + 2 * DIGEST_OCTETS || id.charAt(0) != kind) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(id, 1, id.length());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
