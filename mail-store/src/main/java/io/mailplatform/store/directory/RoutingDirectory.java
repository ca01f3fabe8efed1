package io.mailplatform.store.directory;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Set-based directory look-ups for recipient routing: all the addresses (or domains) a delivery
 * batch needs in one round trip each, instead of one query per recipient and kind.
 */
@Service
public class RoutingDirectory {
    private final JdbcClient jdbc;

    public RoutingDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The entries under these normalized addresses; every address asked for gets an entry, maybe empty. */
    public Map<String, RoutingEntry> entries(Collection<String> addresses) {
        Map<String, Account> accounts = new HashMap<>();
        Map<String, List<String>> aliases = new HashMap<>();
        Map<String, long[]> lists = new HashMap<>(); // address -> {id, membersOnly}
        Map<String, List<String>> members = new HashMap<>();
        if (!addresses.isEmpty()) {
            String[] keys = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
            jdbc.sql("""
                    SELECT 'a', address, id, quota_bytes, enabled::int, NULL FROM accounts WHERE address = ANY(:keys)
                    UNION ALL
                    SELECT 't', address, NULL, NULL, NULL, target FROM aliases WHERE address = ANY(:keys)
                    UNION ALL
                    SELECT 'l', l.address, l.id, NULL, l.members_only::int, m.member
                    FROM distribution_lists l LEFT JOIN list_members m ON m.list_id = l.id WHERE l.address = ANY(:keys)
                    ORDER BY 1, 2, 6""").param("keys", keys).query((ResultSet rs, int n) -> {
                        String address = rs.getString(2);
                        switch (rs.getString(1)) {
                            case "a" -> accounts.put(address, new Account(rs.getLong(3), address,
                                    (Long) rs.getObject(4), rs.getInt(5) == 1));
                            case "t" -> aliases.computeIfAbsent(address, k -> new ArrayList<>()).add(rs.getString(6));
                            default -> {
                                lists.put(address, new long[] {rs.getLong(3), rs.getInt(5)});
                                List<String> listMembers = members.computeIfAbsent(address, k -> new ArrayList<>());
                                if (rs.getString(6) != null) {
                                    listMembers.add(rs.getString(6));
                                }
                            }
                        }
                        return address;
                    }).list();
        }
        Map<String, RoutingEntry> entries = new LinkedHashMap<>();
        for (String address : addresses) {
            String key = address.toLowerCase(Locale.ROOT);
            long[] list = lists.get(key);
            entries.put(address, new RoutingEntry(key, accounts.get(key), aliases.getOrDefault(key, List.of()),
                    list == null ? null : new DistributionList(list[0], key, list[1] == 1, members.get(key))));
        }
        return entries;
    }

    /** The first local domain by name, if there is one. */
    public Optional<String> firstDomain() {
        return jdbc.sql("SELECT name FROM domains ORDER BY name LIMIT 1").query(String.class).optional();
    }

    /** The local domains among these names (A-label, any case), keyed by lower-case name. */
    public Map<String, LocalDomain> localDomains(Collection<String> names) {
        Map<String, LocalDomain> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT id, name, catch_all, spf_fail_policy FROM domains WHERE name = ANY(?)")
                .param(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new))
                .query((ResultSet rs, int n) -> found.put(rs.getString(2),
                        new LocalDomain(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))))
                .list();
        return found;
    }
}
