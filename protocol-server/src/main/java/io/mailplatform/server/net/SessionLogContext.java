package io.mailplatform.server.net;

import io.mailplatform.core.log.LogFields;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts a connection's correlation fields ({@link LogFields}: its session id, the envelope id of the
 * message it is handing over) into the SLF4J MDC while its events are handled, and takes them out
 * again afterwards. Event loops and workers are shared by many connections, so the fields are never
 * left on a thread: they live on the channel, this handler (first in the pipeline) sets them around
 * every inbound event, and {@link #wrap} around tasks the session runs elsewhere (workers, timers).
 */
@ChannelHandler.Sharable
public final class SessionLogContext extends ChannelInboundHandlerAdapter {
    public static final SessionLogContext INSTANCE = new SessionLogContext();

    private static final Logger log = LoggerFactory.getLogger(SessionLogContext.class);
    private static final AttributeKey<Map<String, String>> FIELDS = AttributeKey.valueOf("mail.logFields");

    private SessionLogContext() {
    }

    /** Gives a new connection its session id, e.g. {@code imap-1a2b3c4d}. */
    static void start(Channel channel, String protocol) {
        Map<String, String> fields = new ConcurrentHashMap<>();
        fields.put(LogFields.SESSION_ID, protocol + "-" + channel.id().asShortText());
        channel.attr(FIELDS).set(fields);
    }

    /** Adds a field for the rest of the connection's events (and the current one). */
    public static void put(Channel channel, String key, String value) {
        Map<String, String> fields = channel.attr(FIELDS).get();
        if (fields != null) {
            fields.put(key, value);
            MDC.put(key, value);
        }
    }

    /** Drops a field again (a message handed over, the next one not yet begun). */
    public static void remove(Channel channel, String key) {
        Map<String, String> fields = channel.attr(FIELDS).get();
        if (fields != null) {
            fields.remove(key);
            MDC.remove(key);
        }
    }

    /** {@code task} with the connection's fields in the MDC while it runs, on whatever thread. */
    public static Runnable wrap(Channel channel, Runnable task) {
        return () -> run(channel, task);
    }

    private static void run(Channel channel, Runnable task) {
        Map<String, String> fields = channel.attr(FIELDS).get();
        if (fields == null) {
            task.run();
            return;
        }
        Map<String, String> previous = MDC.getCopyOfContextMap();
        fields.forEach(MDC::put);
        try {
            task.run();
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        run(ctx.channel(), ctx::fireChannelActive);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        run(ctx.channel(), () -> {
            // by now the client address is the proxied one, if the PROXY protocol gave one
            log.debug("connection from {} closed", ClientAddress.of(ctx.channel()));
            ctx.fireChannelInactive();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        run(ctx.channel(), () -> ctx.fireChannelRead(msg));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        run(ctx.channel(), ctx::fireChannelReadComplete);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        run(ctx.channel(), () -> ctx.fireUserEventTriggered(event));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        run(ctx.channel(), ctx::fireChannelWritabilityChanged);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        run(ctx.channel(), () -> ctx.fireExceptionCaught(cause));
    }
}
