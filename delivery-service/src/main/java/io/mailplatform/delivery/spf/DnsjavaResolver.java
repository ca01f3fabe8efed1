package io.mailplatform.delivery.spf;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsResolver} on dnsjava: the configured recursive resolvers (or the system's), a per-query
 * timeout, and one shared cache that honours TTLs, negative answers included.
 */
public final class DnsjavaResolver implements DnsResolver {
    private final Resolver resolver;
    private final Cache cache;

    /**
     * @param servers recursive resolvers as {@code host} or {@code host:port} ({@code [v6]:port}); empty for the system's
     * @param timeout how long one query may take, all retries included
     * @param retries how often a query is re-sent after a timeout
     * @param cacheSize most records kept in the cache (0 disables caching)
     */
    public DnsjavaResolver(List<String> servers, Duration timeout, int retries, int cacheSize) {
        try {
            ExtendedResolver extended;
            if (servers.isEmpty()) {
                extended = new ExtendedResolver();
            } else {
                List<Resolver> resolvers = new ArrayList<>();
                for (String server : servers) {
                    resolvers.add(new SimpleResolver(socketAddress(server)));
                }
                extended = new ExtendedResolver(resolvers);
            }
            extended.setTimeout(timeout);
            extended.setRetries(retries);
            this.resolver = extended;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("unknown DNS resolver host: " + e.getMessage(), e);
        }
        this.cache = new Cache(DClass.IN);
        cache.setMaxEntries(cacheSize);
    }

    private static InetSocketAddress socketAddress(String server) throws java.net.UnknownHostException {
        String host = server;
        int port = 53;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            host = server.substring(1, close);
            if (server.length() > close + 2 && server.charAt(close + 1) == ':') {
                port = Integer.parseInt(server.substring(close + 2));
            }
        } else if (server.indexOf(':') > 0 && server.indexOf(':') == server.lastIndexOf(':')) {
            host = server.substring(0, server.indexOf(':'));
            port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
        }
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    @Override
    public List<String> txt(String name) throws DnsException {
        List<String> out = new ArrayList<>();
        for (org.xbill.DNS.Record record : lookup(name, Type.TXT)) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (byte[] string : ((TXTRecord) record).getStringsAsByteArrays()) {
                joined.writeBytes(string);
            }
            out.add(joined.toString(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Override
    public List<InetAddress> addresses(String name, boolean ipv6) throws DnsException {
        List<InetAddress> out = new ArrayList<>();
        for (org.xbill.DNS.Record record : lookup(name, ipv6 ? Type.AAAA : Type.A)) {
            out.add(ipv6 ? ((AAAARecord) record).getAddress() : ((ARecord) record).getAddress());
        }
        return out;
    }

    @Override
    public List<String> mx(String name) throws DnsException {
        List<String> out = new ArrayList<>();
        for (org.xbill.DNS.Record record : lookup(name, Type.MX)) {
            Name target = ((MXRecord) record).getTarget();
            out.add(target.equals(Name.root) ? "." : target.toString(true));
        }
        return out;
    }

    @Override
    public List<String> ptr(String name) throws DnsException {
        List<String> out = new ArrayList<>();
        for (org.xbill.DNS.Record record : lookup(name, Type.PTR)) {
            out.add(((PTRRecord) record).getTarget().toString(true));
        }
        return out;
    }

    private List<org.xbill.DNS.Record> lookup(String name, int type) throws DnsException {
        Name query;
        try {
            query = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return List.of(); // a name DNS cannot carry does not exist
        }
        Lookup lookup = new Lookup(query, type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.setSearchPath((Name[]) null);
        org.xbill.DNS.Record[] records = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                List<org.xbill.DNS.Record> typed = new ArrayList<>();
                for (org.xbill.DNS.Record record : records) {
                    if (record.getType() == type) {
                        typed.add(record);
                    }
                }
                return typed;
            case Lookup.HOST_NOT_FOUND:
            case Lookup.TYPE_NOT_FOUND:
                return List.of();
            default:
                throw new DnsException(Type.string(type) + " " + name + ": " + lookup.getErrorString());
        }
    }
}
