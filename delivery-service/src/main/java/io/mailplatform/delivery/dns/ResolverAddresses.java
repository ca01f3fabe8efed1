package io.mailplatform.delivery.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/** The recursive resolvers to ask: the configured ones, or the system's (/etc/resolv.conf). */
public final class ResolverAddresses {
    private ResolverAddresses() {
    }

    /**
     * @param configured {@code host}, {@code host:port} or {@code [v6]:port}; empty for the system's
     * @throws IllegalArgumentException for a server that is not an address or a resolvable host
     */
    public static List<InetSocketAddress> of(List<String> configured) {
        List<InetSocketAddress> servers = new ArrayList<>();
        if (configured.isEmpty()) {
            servers.addAll(ResolverConfig.getCurrentConfig().servers());
            if (servers.isEmpty()) {
                servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), SimpleResolver.DEFAULT_PORT));
            }
            return List.copyOf(servers);
        }
        for (String server : configured) {
            servers.add(parse(server.trim()));
        }
        return List.copyOf(servers);
    }

    /** One resolver: {@code host}, {@code host:port} or {@code [v6]:port} (port 53 when none). */
    public static InetSocketAddress parse(String server) {
        String host = server;
        int port = SimpleResolver.DEFAULT_PORT;
        try {
            if (server.startsWith("[")) {
                int close = server.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("DNS resolver '" + server + "': missing ']'");
                }
                host = server.substring(1, close);
                if (server.length() > close + 2 && server.charAt(close + 1) == ':') {
                    port = Integer.parseInt(server.substring(close + 2));
                }
            } else if (server.indexOf(':') > 0 && server.indexOf(':') == server.lastIndexOf(':')) {
                host = server.substring(0, server.indexOf(':'));
                port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DNS resolver '" + server + "': bad port", e);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("DNS resolver '" + server + "': unknown host", e);
        }
    }
}
