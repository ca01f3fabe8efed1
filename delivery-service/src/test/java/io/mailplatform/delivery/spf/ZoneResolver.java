package io.mailplatform.delivery.spf;

import io.mailplatform.delivery.dns.DnsAnswer;
import io.mailplatform.delivery.dns.DnsException;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.dns.MailExchange;
import java.net.InetAddress;
import java.time.Duration;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory DNS fed from a conformance scenario's {@code zonedata}, with the semantics of the
 * suite's reference driver: SPF-type records also answer TXT queries unless the name lists TXT
 * records (or {@code TXT: NONE}); a {@code TIMEOUT} entry makes a query time out unless a record
 * of the queried type comes before it; CNAME chains are followed, a loop answers nothing.
 */
class ZoneResolver implements DnsResolver {
    private static final Object TIMEOUT = new Object();
    private static final Duration TTL = Duration.ofMinutes(5);

    private record Entry(String type, Object value) {
    }

    private final Map<String, List<Object>> zone = new HashMap<>();

    @SuppressWarnings("unchecked")
    ZoneResolver(Map<String, Object> zonedata) {
        if (zonedata == null) {
            return;
        }
        zonedata.forEach((name, records) -> {
            List<Object> entries = new ArrayList<>();
            List<Object> generated = new ArrayList<>();
            boolean generate = true;
            for (Object record : (List<Object>) records) {
                if ("TIMEOUT".equals(record)) {
                    entries.add(TIMEOUT);
                    continue;
                }
                Map.Entry<String, Object> only = ((Map<String, Object>) record).entrySet().iterator().next();
                String type = only.getKey();
                Object value = only.getValue();
                if (type.equals("TXT")) {
                    generate = false;
                } else if (type.equals("SPF")) {
                    generated.add(new Entry("TXT", text(value)));
                }
                if (!"NONE".equals(value)) {
                    entries.add(new Entry(type, type.equals("TXT") || type.equals("SPF") ? text(value) : value));
                }
            }
            if (generate) {
                entries.addAll(generated);
            }
            zone.put(key(name), entries);
        });
    }

    @SuppressWarnings("unchecked")
    private static String text(Object value) {
        if (value instanceof List<?> strings) {
            StringBuilder joined = new StringBuilder();
            for (Object s : (List<Object>) strings) {
                joined.append(s);
            }
            return joined.toString();
        }
        return String.valueOf(value);
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private List<Object> lookup(String name, String type, Set<String> seen) throws DnsException {
        List<Object> entries = zone.get(key(name));
        if (entries == null) {
            return List.of();
        }
        List<Object> found = new ArrayList<>();
        boolean timeout = true;
        String cname = null;
        for (Object entry : entries) {
            if (entry == TIMEOUT) {
                if (timeout) {
                    throw new DnsException("timeout querying " + type + " " + name);
                }
                return found;
            }
            Entry e = (Entry) entry;
            if (e.type().equals(type)) {
                timeout = false;
                found.add(e.value());
            } else if (e.type().equals("CNAME")) {
                cname = String.valueOf(e.value());
            }
        }
        if (found.isEmpty() && cname != null && seen.add(key(name))) {
            return seen.contains(key(cname)) ? List.of() : lookup(cname, type, seen);
        }
        return found;
    }

    @Override
    public DnsAnswer<String> txt(String name) throws DnsException {
        return answer(name, lookup(name, "TXT", new HashSet<>()).stream().map(String::valueOf).toList());
    }

    /** NXDOMAIN for names the zone does not hold, else the records (none: NODATA). */
    private <T> DnsAnswer<T> answer(String name, List<T> records) {
        return zone.containsKey(key(name)) ? DnsAnswer.of(records, TTL) : DnsAnswer.noSuchName(TTL);
    }

    @Override
    public DnsAnswer<InetAddress> addresses(String name, boolean ipv6) throws DnsException {
        List<InetAddress> out = new ArrayList<>();
        for (Object value : lookup(name, ipv6 ? "AAAA" : "A", new HashSet<>())) {
            try {
                out.add(InetAddress.getByName(String.valueOf(value)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("zone data holds a bad address " + value, e);
            }
        }
        return answer(name, out);
    }

    @Override
    public DnsAnswer<MailExchange> mx(String name) throws DnsException {
        List<MailExchange> out = new ArrayList<>();
        for (Object value : lookup(name, "MX", new HashSet<>())) {
            List<?> mx = (List<?>) value;
            String exchange = String.valueOf(mx.get(1));
            out.add(new MailExchange(((Number) mx.get(0)).intValue(), exchange.isEmpty() ? "." : exchange));
        }
        return answer(name, out);
    }

    @Override
    public DnsAnswer<String> ptr(String name) throws DnsException {
        return answer(name, lookup(name, "PTR", new HashSet<>()).stream().map(String::valueOf).toList());
    }
}
