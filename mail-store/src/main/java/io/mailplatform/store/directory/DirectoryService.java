package io.mailplatform.store.directory;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.store.mailbox.SpecialUse;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The directory: domains, accounts, aliases, distribution lists. Addresses are normalized
 * ({@link MailboxAddress#normalized()}) before they reach the database.
 */
@Service
public class DirectoryService {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transactions;
    private final Subaddressing subaddressing;
    private final Postmaster postmaster;

    public DirectoryService(JdbcClient jdbc, PasswordEncoder passwords, TransactionTemplate transactions,
            Subaddressing subaddressing, Postmaster postmaster) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.transactions = transactions;
        this.subaddressing = subaddressing;
        this.postmaster = postmaster;
    }

    public DomainEntry createDomain(String name) throws AddressException {
        Domain domain = Domain.parse(name);
        if (domain.isAddressLiteral()) {
            throw new AddressException("a local domain must be a domain name");
        }
        try {
            long id = jdbc.sql("INSERT INTO domains (name) VALUES (?) RETURNING id").param(domain.name())
                    .query(Long.class).single();
            return new DomainEntry(id, domain.name(), null);
        } catch (DuplicateKeyException e) {
            throw new DuplicateEntryException("domain " + domain.name() + " exists");
        }
    }

    public Optional<DomainEntry> findDomain(String name) {
        return jdbc.sql("SELECT id, name, catch_all FROM domains WHERE name = ?")
                .param(name.toLowerCase(java.util.Locale.ROOT))
                .query((rs, n) -> new DomainEntry(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    public List<DomainEntry> domains() {
        return jdbc.sql("SELECT id, name, catch_all FROM domains ORDER BY name")
                .query((rs, n) -> new DomainEntry(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    public boolean isLocalDomain(String name) {
        return findDomain(name).isPresent();
    }

    /** Creates an account with its default mailboxes (INBOX and the RFC 6154 special-use ones). */
    public Account createAccount(String addressText, String password) throws AddressException {
        MailboxAddress address = MailboxAddress.parse(addressText);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        DomainEntry domain = findDomain(address.domain().name())
                .orElseThrow(() -> new UnknownEntryException("domain " + address.domain() + " is not a local domain"));
        String hash = passwords.encode(password);
        return transactions.execute(status -> {
            long id;
            try {
                id = jdbc.sql("INSERT INTO accounts (domain_id, address, password_hash) VALUES (?, ?, ?) RETURNING id")
                        .params(domain.id(), address.normalized(), hash).query(Long.class).single();
            } catch (DuplicateKeyException e) {
                throw new DuplicateEntryException("account " + address.normalized() + " exists");
            }
            for (SpecialUse use : SpecialUse.values()) {
                jdbc.sql("INSERT INTO mailboxes (account_id, name, special_use) VALUES (?, ?, ?)")
                        .params(id, use.defaultName(), use.attribute()).update();
            }
            return new Account(id, address.normalized(), null, true);
        });
    }

    public Optional<Account> findAccount(String address) {
        // domain_id: the holder of the public mailboxes (store.acl.PublicFolderHolder) is no user
        return jdbc.sql("SELECT id, address, quota_bytes, enabled FROM accounts WHERE address = ? AND domain_id IS NOT NULL")
                .param(normalize(address))
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getBoolean(4)))
                .optional();
    }

    /** The stored password hash of an enabled account, for {@link Authenticator}. */
    Optional<StoredCredentials> credentials(String address) {
        return jdbc.sql("SELECT id, address, quota_bytes, enabled, password_hash FROM accounts WHERE address = ? AND enabled")
                .param(normalize(address))
                .query((rs, n) -> new StoredCredentials(
                        new Account(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getBoolean(4)),
                        rs.getString(5)))
                .optional();
    }

    /**
     * What mail to this address meets (RFC 5321 §4.5.1, RFC 5233), in the order delivery routes it:
     * the address's own entry (an enabled account, a list, an alias), else that of its subaddress
     * base ({@code user} for {@code user+tag}), else the configured postmaster for
     * {@code postmaster@domain}, else the domain's catch-all.
     */
    public RecipientLookup lookUpRecipient(MailboxAddress address) {
        return lookUpRecipient(address, true);
    }

    private RecipientLookup lookUpRecipient(MailboxAddress address, boolean followPostmaster) {
        Optional<DomainEntry> domain = findDomain(address.domain().name());
        if (domain.isEmpty()) {
            return RecipientLookup.NOT_LOCAL;
        }
        String key = address.normalized();
        String base = subaddressing.base(address);
        Map<String, EnumMap<EntryKind, Boolean>> own = new HashMap<>();
        jdbc.sql("""
                SELECT address, 'ACCOUNT', enabled FROM accounts WHERE address = ANY(:keys)
                UNION ALL
                SELECT DISTINCT address, 'ALIAS', true FROM aliases WHERE address = ANY(:keys)
                UNION ALL
                SELECT address, 'LIST', members_only FROM distribution_lists WHERE address = ANY(:keys)""")
                .param("keys", base == null ? new String[] {key} : new String[] {key, base})
                .query((RowCallbackHandler) rs -> own.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(EntryKind.class))
                        .put(EntryKind.valueOf(rs.getString(2)), rs.getBoolean(3)));
        String entry = own.containsKey(key) ? key : base != null && own.containsKey(base) ? base : null;
        if (entry != null) {
            // as routing does: an account first (refused when disabled), then a list, then alias targets
            EnumMap<EntryKind, Boolean> kinds = own.get(entry);
            if (kinds.containsKey(EntryKind.ACCOUNT)) {
                return kinds.get(EntryKind.ACCOUNT) ? RecipientLookup.DELIVERABLE : RecipientLookup.UNKNOWN;
            }
            if (kinds.containsKey(EntryKind.LIST) && kinds.get(EntryKind.LIST)) {
                return RecipientLookup.membersOnlyList(entry);
            }
            return RecipientLookup.DELIVERABLE;
        }
        if (followPostmaster) {
            Optional<MailboxAddress> standIn = postmaster.standInFor(key)
                    .or(() -> base == null ? Optional.empty() : postmaster.standInFor(base));
            if (standIn.isPresent()) {
                RecipientLookup found = lookUpRecipient(standIn.get(), false);
                return found.kind() == RecipientLookup.Kind.NOT_LOCAL ? RecipientLookup.UNKNOWN : found;
            }
        }
        return domain.get().catchAll() != null ? RecipientLookup.DELIVERABLE : RecipientLookup.UNKNOWN;
    }

    /** The kinds of directory entry an address can have; the flag is "enabled" for accounts, "members only" for lists. */
    private enum EntryKind {
        ACCOUNT, ALIAS, LIST
    }

    /** Whether one of these normalized addresses is a direct member of the list. */
    public boolean isListMember(String listAddress, Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM list_members m JOIN distribution_lists l ON l.id = m.list_id
                               WHERE l.address = ? AND m.member = ANY(?))""")
                .params(normalize(listAddress), addresses.toArray(String[]::new)).query(Boolean.class).single();
    }

    public void changePassword(String address, String password) {
        int updated = jdbc.sql("UPDATE accounts SET password_hash = ? WHERE address = ?")
                .params(passwords.encode(password), normalize(address)).update();
        if (updated == 0) {
            throw new UnknownEntryException("no account " + address);
        }
    }

    /** Adds one target to an alias; an alias may have many targets. */
    public void addAlias(String aliasText, String targetText) throws AddressException {
        MailboxAddress alias = MailboxAddress.parse(aliasText);
        MailboxAddress target = MailboxAddress.parse(targetText);
        DomainEntry domain = findDomain(alias.domain().name())
                .orElseThrow(() -> new UnknownEntryException("domain " + alias.domain() + " is not a local domain"));
        try {
            jdbc.sql("INSERT INTO aliases (address, target, domain_id) VALUES (?, ?, ?)")
                    .params(alias.normalized(), target.normalized(), domain.id()).update();
        } catch (DuplicateKeyException e) {
            throw new DuplicateEntryException("alias " + alias.normalized() + " -> " + target.normalized() + " exists");
        }
    }

    /** The aliases that point at this address directly. */
    public List<String> aliasesOf(String target) {
        return jdbc.sql("SELECT address FROM aliases WHERE target = ? ORDER BY address").param(normalize(target))
                .query(String.class).list();
    }

    public List<String> aliasTargets(String address) {
        return jdbc.sql("SELECT target FROM aliases WHERE address = ? ORDER BY target").param(normalize(address))
                .query(String.class).list();
    }

    public void setCatchAll(String domainName, String targetText) throws AddressException {
        String target = targetText == null ? null : MailboxAddress.parse(targetText).normalized();
        int updated = jdbc.sql("UPDATE domains SET catch_all = ? WHERE name = ?")
                .params(target, Domain.parse(domainName).name()).update();
        if (updated == 0) {
            throw new UnknownEntryException("no domain " + domainName);
        }
    }

    public long createList(String addressText, boolean membersOnly) throws AddressException {
        MailboxAddress address = MailboxAddress.parse(addressText);
        DomainEntry domain = findDomain(address.domain().name())
                .orElseThrow(() -> new UnknownEntryException("domain " + address.domain() + " is not a local domain"));
        try {
            return jdbc.sql("INSERT INTO distribution_lists (domain_id, address, members_only) VALUES (?, ?, ?) RETURNING id")
                    .params(domain.id(), address.normalized(), membersOnly).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new DuplicateEntryException("list " + address.normalized() + " exists");
        }
    }

    public void addListMember(String listAddress, String memberText) throws AddressException {
        String member = MailboxAddress.parse(memberText).normalized();
        int added = jdbc.sql("""
                INSERT INTO list_members (list_id, member)
                SELECT id, ? FROM distribution_lists WHERE address = ?
                ON CONFLICT DO NOTHING""").params(member, normalize(listAddress)).update();
        if (added == 0 && listMembers(listAddress).isEmpty()) {
            throw new UnknownEntryException("no list " + listAddress);
        }
    }

    public List<String> listMembers(String listAddress) {
        return jdbc.sql("""
                SELECT m.member FROM list_members m JOIN distribution_lists l ON l.id = m.list_id
                WHERE l.address = ? ORDER BY m.member""").param(normalize(listAddress)).query(String.class).list();
    }

    private static String normalize(String address) {
        return MailboxAddress.lookupKey(address);
    }

    record StoredCredentials(Account account, String passwordHash) {
    }
}
