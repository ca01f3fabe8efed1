package io.mailplatform.server.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * The address of the real client of a connection. Behind a load balancer that speaks the HAProxy
 * PROXY protocol, {@link ProxyProtocolHandler} records the proxied client here; every consumer of
 * the client address (connection limits, login throttling, {@code Received:} fields, SPF) reads it
 * through {@link #of(Channel)} so that it never sees the balancer's address instead.
 */
public final class ClientAddress {
    /** Set once per channel by {@link ProxyProtocolHandler}; absent for direct connections. */
    public static final AttributeKey<InetSocketAddress> PROXIED = AttributeKey.valueOf("mail.proxiedClientAddress");

    private ClientAddress() {
    }

    /** The proxied client address if the PROXY protocol gave one, else the peer of the socket. */
    public static InetSocketAddress of(Channel channel) {
        InetSocketAddress proxied = channel.attr(PROXIED).get();
        return proxied != null ? proxied : (InetSocketAddress) channel.remoteAddress();
    }
}
