package io.mailplatform.smtp.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server timeouts of RFC 5321 §4.5.3.2: how long a session may stay silent, which the session
 * switches between the command timeout and the data timeout. Any read or write restarts the clock;
 * when it runs out, {@link #EXPIRED} is fired to the session, which says goodbye with 421.
 */
public final class SessionTimeout extends ChannelDuplexHandler {
    /** The user event sent when the session has been idle too long. */
    public static final Object EXPIRED = new Object() {
        @Override
        public String toString() {
            return "SessionTimeout.EXPIRED";
        }
    };

    private long timeoutNanos;
    private long lastActivity;
    private ScheduledFuture<?> check;
    private long checkAt;
    private ChannelHandlerContext ctx;

    public SessionTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Changes the allowed idle time from now on (call on the event loop). */
    public void timeout(Duration timeout) {
        long now = System.nanoTime();
        this.timeoutNanos = timeout.toNanos();
        lastActivity = now;
        if (check != null && now + timeoutNanos < checkAt) {
            check.cancel(false); // the pending check would come too late for the shorter timeout
            schedule(timeoutNanos);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastActivity = System.nanoTime();
        if (ctx.channel().isActive()) {
            schedule(timeoutNanos);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        lastActivity = System.nanoTime();
        if (check == null) {
            schedule(timeoutNanos);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivity = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivity = System.nanoTime();
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void schedule(long delayNanos) {
        checkAt = System.nanoTime() + delayNanos;
        check = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (!ctx.channel().isActive()) {
            return;
        }
        long remaining = lastActivity + timeoutNanos - System.nanoTime();
        if (remaining > 0) {
            schedule(remaining);
            return;
        }
        ctx.fireUserEventTriggered(EXPIRED);
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
        }
    }
}
