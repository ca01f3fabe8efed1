package io.mailplatform.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the HAProxy PROXY protocol header (v1 text or v2 binary) on a listener behind a load
 * balancer. Put it first in the pipeline, ahead of TLS and the connection limiter. It is one-shot:
 * <ul>
 * <li>a peer outside the trusted networks is a direct client: the handler removes itself at once
 * and a PROXY header it might send is never honoured (anyone could otherwise claim any address);</li>
 * <li>a trusted peer must send the header first: it is decoded, the proxied client address is
 * recorded as {@link ClientAddress#PROXIED}, and only then does {@code channelActive} travel on,
 * so the connection limiter, the greeting and everything after see the real client. A malformed or
 * missing header (within {@code headerTimeout}) closes the connection, as the PROXY protocol
 * specification demands; the decoder goes at once, so the octets after the bad header are never
 * decoded as another one when the connection closes (which would start a session on it).</li>
 * </ul>
 * Shared by the protocol services; a new instance per channel.
 */
public final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProxyProtocolHandler.class);

    private final TrustedNetworks trusted;
    private final Duration headerTimeout;
    private ScheduledFuture<?> timeout;
    /** The header was bad: whatever the decoder still hands on is dropped, and the connection closes. */
    private boolean rejected;

    public ProxyProtocolHandler(TrustedNetworks trusted, Duration headerTimeout) {
        this.trusted = trusted;
        this.headerTimeout = headerTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (!trusted.contains(peer)) {
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
            return;
        }
        // the decoder removes itself after the header and hands the bytes after it down the pipeline
        ctx.pipeline().addBefore(ctx.name(), decoderName(ctx), new HAProxyMessageDecoder());
        timeout = ctx.executor().schedule(() -> {
            log.debug("no PROXY header from {} within {}", peer, headerTimeout);
            reject(ctx);
        }, headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected || !(msg instanceof HAProxyMessage)) {
            ReferenceCountUtil.release(msg);
            reject(ctx);
            return;
        }
        HAProxyMessage header = (HAProxyMessage) msg;
        try {
            InetSocketAddress client = proxiedClient(header);
            if (client != null) {
                ctx.channel().attr(ClientAddress.PROXIED).set(client);
            }
        } finally {
            header.release();
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    /** The source of a PROXY connection; null for LOCAL (health checks) and UNKNOWN or UNIX sources. */
    static InetSocketAddress proxiedClient(HAProxyMessage header) throws IllegalArgumentException {
        if (header.command() != HAProxyCommand.PROXY || header.sourceAddress() == null) {
            return null;
        }
        HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
        if (family != HAProxyProxiedProtocol.AddressFamily.AF_IPv4 && family != HAProxyProxiedProtocol.AddressFamily.AF_IPv6) {
            return null;
        }
        try {
            // the decoder has validated an IP literal, so no name is looked up here
            return new InetSocketAddress(InetAddress.getByName(header.sourceAddress()), header.sourcePort());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!rejected) {
            log.debug("bad PROXY header from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        reject(ctx);
    }

    /** Closes the connection before any header was accepted, the decoder removed first (see the class comment). */
    private void reject(ChannelHandlerContext ctx) {
        if (rejected) {
            return;
        }
        rejected = true;
        // removing it hands its buffered octets to channelRead, which drops them
        if (ctx.pipeline().get(decoderName(ctx)) != null) {
            ctx.pipeline().remove(decoderName(ctx));
        }
        ctx.close();
    }

    private static String decoderName(ChannelHandlerContext ctx) {
        return ctx.name() + "-decoder";
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
