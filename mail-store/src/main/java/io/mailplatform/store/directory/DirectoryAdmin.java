package io.mailplatform.store.directory;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Operator changes and reads of routing data that {@link DirectoryService} does not offer: alias
 * and list listings and removals, quotas with their usage, and the SPF policy of a domain.
 */
@Service
public class DirectoryAdmin {
    /** The SPF fail policies a domain may choose (column {@code domains.spf_fail_policy}). */
    public static final Set<String> SPF_FAIL_POLICIES = Set.of("junk", "discard");

    private final JdbcClient jdbc;

    public DirectoryAdmin(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- aliases -----------------------------------------------------------------------------

    /** Every alias of a domain with its targets, by alias address. */
    public Map<String, List<String>> aliases(String domain) throws AddressException {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT a.address, a.target FROM aliases a JOIN domains d ON d.id = a.domain_id
                WHERE d.name = ? ORDER BY a.address, a.target""").param(Domain.parse(domain).name())
                .query((rs, n) -> aliases.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return aliases;
    }

    /** Removes one target of an alias; returns false if the alias had no such target. */
    public boolean removeAliasTarget(String alias, String target) throws AddressException {
        return jdbc.sql("DELETE FROM aliases WHERE address = ? AND target = ?")
                .params(normalize(alias), normalize(target)).update() > 0;
    }

    /** Removes an alias with all its targets; returns false if there was none. */
    public boolean removeAlias(String alias) throws AddressException {
        return jdbc.sql("DELETE FROM aliases WHERE address = ?").param(normalize(alias)).update() > 0;
    }

    // ---- lists -------------------------------------------------------------------------------

    public Optional<DistributionList> list(String address) throws AddressException {
        String key = normalize(address);
        return jdbc.sql("SELECT id, members_only FROM distribution_lists WHERE address = ?").param(key)
                .query((rs, n) -> new DistributionList(rs.getLong(1), key, rs.getBoolean(2),
                        jdbc.sql("SELECT member FROM list_members WHERE list_id = ? ORDER BY member")
                                .param(rs.getLong(1)).query(String.class).list()))
                .optional();
    }

    /** The addresses of a domain's lists. */
    public List<String> lists(String domain) throws AddressException {
        return jdbc.sql("""
                SELECT l.address FROM distribution_lists l JOIN domains d ON d.id = l.domain_id
                WHERE d.name = ? ORDER BY l.address""").param(Domain.parse(domain).name()).query(String.class).list();
    }

    public boolean setMembersOnly(String address, boolean membersOnly) throws AddressException {
        return jdbc.sql("UPDATE distribution_lists SET members_only = ? WHERE address = ?")
                .params(membersOnly, normalize(address)).update() > 0;
    }

    public boolean removeListMember(String address, String member) throws AddressException {
        return jdbc.sql("""
                DELETE FROM list_members m USING distribution_lists l
                WHERE l.id = m.list_id AND l.address = ? AND m.member = ?""")
                .params(normalize(address), normalize(member)).update() > 0;
    }

    public boolean deleteList(String address) throws AddressException {
        return jdbc.sql("DELETE FROM distribution_lists WHERE address = ?").param(normalize(address)).update() > 0;
    }

    // ---- quotas ------------------------------------------------------------------------------

    /**
     * An account's quotas (RFC 9208 STORAGE and MESSAGE) and use.
     *
     * @param address the account
     * @param limitBytes the storage quota, or null for unlimited
     * @param usedBytes octets of all its stored messages (RFC822.SIZE summed over every mailbox)
     * @param limitMessages the message quota, or null for unlimited
     * @param usedMessages its stored messages, over every mailbox
     */
    public record Quota(String address, Long limitBytes, long usedBytes, Long limitMessages, long usedMessages) {
    }

    public Optional<Quota> quota(String address) throws AddressException {
        String key = normalize(address);
        return jdbc.sql("""
                SELECT a.quota_bytes, u.bytes, a.quota_messages, u.messages
                FROM accounts a, LATERAL (SELECT coalesce(sum(m.size), 0) AS bytes, count(m.*) AS messages
                                          FROM mailboxes b JOIN messages m ON m.mailbox_id = b.id
                                          WHERE b.account_id = a.id) u
                WHERE a.address = ?""").param(key)
                .query((rs, n) -> new Quota(key, (Long) rs.getObject(1), rs.getLong(2), (Long) rs.getObject(3),
                        rs.getLong(4))).optional();
    }

    /** Sets (or with null removes) an account's storage quota, in octets. */
    public void setQuota(String address, Long limitBytes) throws AddressException {
        setLimit("quota_bytes", address, limitBytes);
    }

    /** Sets (or with null removes) an account's message quota: the most messages it may hold. */
    public void setMessageQuota(String address, Long limitMessages) throws AddressException {
        setLimit("quota_messages", address, limitMessages);
    }

    /** Sets both quotas of an account at once (a null removes that one). */
    public void setQuotas(String address, Long limitBytes, Long limitMessages) throws AddressException {
        requireNotNegative(limitBytes);
        requireNotNegative(limitMessages);
        if (jdbc.sql("UPDATE accounts SET quota_bytes = ?, quota_messages = ? WHERE address = ?")
                .params(limitBytes, limitMessages, normalize(address)).update() == 0) {
            throw new UnknownEntryException("no account " + address);
        }
    }

    private static void requireNotNegative(Long limit) {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("a quota must not be negative");
        }
    }

    private void setLimit(String column, String address, Long limit) throws AddressException {
        requireNotNegative(limit);
        // column is one of two constants above, never input
        if (jdbc.sql("UPDATE accounts SET " + column + " = ? WHERE address = ?").params(limit, normalize(address))
                .update() == 0) {
            throw new UnknownEntryException("no account " + address);
        }
    }

    // ---- accounts ----------------------------------------------------------------------------

    /** The accounts of a domain, by address. */
    public List<Account> accounts(String domain) throws AddressException {
        return jdbc.sql("""
                SELECT a.id, a.address, a.quota_bytes, a.enabled FROM accounts a JOIN domains d ON d.id = a.domain_id
                WHERE d.name = ? ORDER BY a.address""").param(Domain.parse(domain).name())
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getBoolean(4)))
                .list();
    }

    /** Enables or disables an account: a disabled one cannot log in and receives no mail (550 5.1.1). */
    public void setEnabled(String address, boolean enabled) throws AddressException {
        if (jdbc.sql("UPDATE accounts SET enabled = ? WHERE address = ?").params(enabled, normalize(address)).update() == 0) {
            throw new UnknownEntryException("no account " + address);
        }
    }

    // ---- SPF policy --------------------------------------------------------------------------

    /** A domain's SPF fail policy ({@code junk}, {@code discard}), empty when it uses the service default. */
    public Optional<String> spfFailPolicy(String domain) throws AddressException {
        String name = Domain.parse(domain).name();
        return jdbc.sql("SELECT spf_fail_policy FROM domains WHERE name = ?").param(name)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
                .orElseThrow(() -> new UnknownEntryException("no domain " + name));
    }

    /** Sets a domain's SPF fail policy, or with null returns it to the service default. */
    public void setSpfFailPolicy(String domain, String policy) throws AddressException {
        String value = policy == null ? null : policy.toLowerCase(Locale.ROOT);
        if (value != null && !SPF_FAIL_POLICIES.contains(value)) {
            throw new IllegalArgumentException("SPF fail policy must be one of " + SPF_FAIL_POLICIES);
        }
        String name = Domain.parse(domain).name();
        if (jdbc.sql("UPDATE domains SET spf_fail_policy = ? WHERE name = ?").params(value, name).update() == 0) {
            throw new UnknownEntryException("no domain " + name);
        }
    }

    private static String normalize(String address) throws AddressException {
        return MailboxAddress.parse(address).normalized();
    }
}
