package io.mailplatform.store.acl;

import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mailbox_acl} table: who else may do what with a mailbox (RFC 4314). The owner is never
 * in it; {@link MailboxAccess} gives the owner every right.
 */
@Repository
public class MailboxAcl {
    /** RFC 4314 §2: the identifier that means every authenticated account. */
    public static final String ANYONE = "anyone";

    /**
     * A mailbox of another account shared with an account, or a public one, with the union of its
     * grants there.
     *
     * @param publicFolder whether the owner is the {@link PublicFolderHolder} (no user)
     */
    public record Grant(Mailbox mailbox, String ownerAddress, Rights rights, boolean publicFolder) {
    }

    /** The mailboxes of other accounts (and public ones) with an entry for {@code :account} or anyone, rights joined. */
    private static final String SHARED = """
            SELECT m.*, o.address AS owner_address, o.domain_id IS NULL AS public_folder,
                   string_agg(acl.rights, '') AS granted
            FROM mailbox_acl acl
            JOIN mailboxes m ON m.id = acl.mailbox_id
            JOIN accounts o ON o.id = m.account_id
            WHERE (acl.grantee_account_id = :account OR acl.grantee_account_id IS NULL) AND m.account_id <> :account
            GROUP BY m.id, o.address, o.domain_id""";

    private final JdbcClient jdbc;

    public MailboxAcl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rights the entries for the account and for "anyone" give it on a mailbox (RFC 4314 §2: their union). */
    public Rights rightsOf(long mailboxId, long accountId) {
        List<String> granted = jdbc.sql("""
                SELECT rights FROM mailbox_acl
                WHERE mailbox_id = ? AND (grantee_account_id = ? OR grantee_account_id IS NULL)""")
                .params(mailboxId, accountId).query(String.class).list();
        Rights rights = Rights.NONE;
        for (String letters : granted) {
            rights = rights.plus(Rights.parse(letters));
        }
        return rights;
    }

    /** The mailbox's entries, "anyone" first, then by address. */
    public List<AclEntry> entries(Mailbox mailbox) {
        return jdbc.sql("""
                SELECT coalesce(a.address, ?), acl.rights FROM mailbox_acl acl
                LEFT JOIN accounts a ON a.id = acl.grantee_account_id
                WHERE acl.mailbox_id = ? ORDER BY a.address NULLS FIRST""")
                .params(ANYONE, mailbox.id())
                .query((rs, n) -> new AclEntry(rs.getString(1), Rights.parse(rs.getString(2)))).list();
    }

    /** Replaces a grantee's rights (null grantee: anyone); no rights removes the entry. */
    public void set(Mailbox mailbox, Long granteeAccountId, Rights rights) {
        if (rights.isEmpty()) {
            delete(mailbox, granteeAccountId);
            return;
        }
        jdbc.sql("""
                INSERT INTO mailbox_acl (mailbox_id, grantee_account_id, rights) VALUES (?, ?, ?)
                ON CONFLICT (mailbox_id, coalesce(grantee_account_id, 0)) DO UPDATE SET rights = EXCLUDED.rights""")
                .params(mailbox.id(), granteeAccountId, rights.letters()).update();
    }

    /** The grantee's current rights (none when it has no entry). */
    public Rights entry(Mailbox mailbox, Long granteeAccountId) {
        return jdbc.sql("SELECT rights FROM mailbox_acl WHERE mailbox_id = ? AND coalesce(grantee_account_id, 0) = ?")
                .params(mailbox.id(), granteeAccountId == null ? 0L : granteeAccountId).query(String.class)
                .optional().map(Rights::parse).orElse(Rights.NONE);
    }

    public void delete(Mailbox mailbox, Long granteeAccountId) {
        jdbc.sql("DELETE FROM mailbox_acl WHERE mailbox_id = ? AND coalesce(grantee_account_id, 0) = ?")
                .params(mailbox.id(), granteeAccountId == null ? 0L : granteeAccountId).update();
    }

    /** Removes every entry of a mailbox. */
    public void clear(Mailbox mailbox) {
        jdbc.sql("DELETE FROM mailbox_acl WHERE mailbox_id = ?").param(mailbox.id()).update();
    }

    /** Gives a new mailbox the entries of its parent (RFC 4314 §4: it SHOULD inherit the parent's ACL). */
    public void inherit(Mailbox parent, Mailbox child) {
        jdbc.sql("""
                INSERT INTO mailbox_acl (mailbox_id, grantee_account_id, rights)
                SELECT ?, grantee_account_id, rights FROM mailbox_acl WHERE mailbox_id = ?
                ON CONFLICT (mailbox_id, coalesce(grantee_account_id, 0)) DO NOTHING""")
                .params(child.id(), parent.id()).update();
    }

    /**
     * The account's own mailboxes, and every mailbox of another account, or public, on which it has some
     * right, with those rights.
     *
     * @param own by name
     * @param shared by owner, then name
     */
    public record Visible(List<Mailbox> own, List<Grant> shared) {
    }

    /** {@link Visible} in one statement (one round trip): LIST asks for both every time. */
    public Visible visibleTo(long accountId) {
        List<Mailbox> own = new ArrayList<>();
        List<Grant> shared = new ArrayList<>();
        jdbc.sql("SELECT m.*, NULL::text AS owner_address, false AS public_folder, NULL::text AS granted"
                        + " FROM mailboxes m WHERE m.account_id = :account UNION ALL " + SHARED
                        + " ORDER BY owner_address NULLS FIRST, name")
                .param("account", accountId)
                .query((RowCallbackHandler) rs -> {
                    if (rs.getString("owner_address") == null) {
                        own.add(MailboxService.mailbox(rs, 0));
                    } else {
                        shared.add(grant(rs));
                    }
                });
        return new Visible(own, shared);
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(MailboxService.mailbox(rs, 0), rs.getString("owner_address"), Rights.parse(rs.getString("granted")),
                rs.getBoolean("public_folder"));
    }
}
