package io.mailplatform.store.acl;

import io.mailplatform.store.directory.Account;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The account row that holds the public mailboxes of the "Shared Folders" namespace (migration V52):
 * the only account without a domain, disabled, without password or quota. Storing public mailboxes
 * as its mailboxes lets every mailbox operation, event and ACL work for them as for any other owner;
 * it is never a user: no login, delivery, admin account call or ACL identifier can name it.
 */
@Repository
public class PublicFolderHolder {
    /** Its address: no mail address (no "@"), so neither mail nor a login can reach it. */
    public static final String ADDRESS = "shared-folders";

    private final JdbcClient jdbc;

    public PublicFolderHolder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The holder, if a public mailbox was ever created. */
    public Optional<Account> find() {
        // not cached: it is one indexed row, and tests empty the tables between classes
        return jdbc.sql("SELECT id, address, quota_bytes, enabled FROM accounts WHERE domain_id IS NULL")
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getBoolean(4)))
                .optional();
    }

    /** The holder, created on first use (the unique index keeps concurrent first uses to one row). */
    public Account findOrCreate() {
        jdbc.sql("""
                INSERT INTO accounts (domain_id, address, password_hash, enabled) VALUES (NULL, ?, '!', false)
                ON CONFLICT DO NOTHING""").param(ADDRESS).update();
        return find().orElseThrow();
    }

    /** Whether an account is the holder (user addresses always have an "@"). */
    public static boolean isHolder(Account account) {
        return account.address().equals(ADDRESS);
    }
}
