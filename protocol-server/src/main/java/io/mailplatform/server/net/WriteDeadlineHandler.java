package io.mailplatform.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every write a deadline: while output is pending, some write must complete within
 * {@code timeout} of the previous one completing (or of its own start), or the connection is
 * closed. A client that stops reading therefore gives back its session, its memory and anything
 * its session holds (a POP3 maildrop lock) after at most the timeout, and a close that waits for a
 * last reply to be written cannot hang. Sessions write at most a chunk or a batch at a time, so a
 * slow client that keeps reading is not cut. One instance per channel; everything runs on its event
 * loop.
 */
public final class WriteDeadlineHandler extends ChannelOutboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WriteDeadlineHandler.class);

    private final long timeoutNanos;
    private int pendingWrites;
    private long lastProgress;
    private ScheduledFuture<?> check;

    public WriteDeadlineHandler(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the write timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelPromise tracked = promise.unvoid();
        if (pendingWrites++ == 0) {
            lastProgress = ctx.executor().ticker().nanoTime();
            schedule(ctx, timeoutNanos);
        }
        tracked.addListener(written -> {
            pendingWrites--;
            lastProgress = ctx.executor().ticker().nanoTime();
        });
        ctx.write(msg, tracked);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        if (check == null) {
            check = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        check = null;
        if (pendingWrites == 0 || !ctx.channel().isActive()) {
            return;
        }
        long stalled = ctx.executor().ticker().nanoTime() - lastProgress;
        if (stalled >= timeoutNanos) {
            log.info("closing the connection from {}: nothing it was sent was read for {} s",
                    ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toSeconds(stalled));
            ctx.close();
        } else {
            schedule(ctx, timeoutNanos - stalled);
        }
    }
}
