package io.mailplatform.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OrderedSessionHandlerTest {

    /** Handles frames in order; "WAIT" makes the session busy until the test resumes it. */
    static final class Recorder extends OrderedSessionHandler {
        final List<String> handled = new ArrayList<>();
        final CompletableFuture<Void> released = new CompletableFuture<>();

        Recorder() {
            this(Runnable::run);
        }

        Recorder(java.util.concurrent.Executor workers) {
            super(workers);
        }

        @Override
        protected void handle(Object frame) {
            String text = ((ByteBuf) frame).toString(StandardCharsets.US_ASCII);
            handled.add(text);
            if (text.equals("WAIT")) {
                suspend();
            } else if (text.equals("BACKGROUND")) {
                inBackground(() -> "read", (value, failure) -> handled.add("landed " + value));
            } else if (text.equals("HOLD")) {
                holdUntil(released, () -> handled.add("held"));
            }
        }

        @Override
        protected void internalError(RuntimeException e) {
            throw e;
        }

        void finishWaiting() {
            resume();
        }
    }

    private static ByteBuf frame(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void framesQueueInOrderWhileBusyAndReadingStopsWhenTheQueueIsFull() {
        Recorder session = new Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(session);
        channel.writeInbound(frame("WAIT"));
        for (int i = 0; i < OrderedSessionHandler.MAX_QUEUED_FRAMES - 1; i++) {
            channel.writeInbound(frame("F" + i));
        }
        assertThat(channel.config().isAutoRead()).as("still reading below the cap").isTrue();
        channel.writeInbound(frame("LAST"));
        assertThat(channel.config().isAutoRead()).as("reading paused at the cap").isFalse();
        assertThat(session.handled).containsExactly("WAIT");

        session.finishWaiting();
        assertThat(channel.config().isAutoRead()).as("reading resumes once drained").isTrue();
        assertThat(session.handled).hasSize(OrderedSessionHandler.MAX_QUEUED_FRAMES + 1).endsWith("LAST");
        assertThat(session.handled.get(1)).isEqualTo("F0");
        channel.finishAndReleaseAll();
    }

    @Test
    void framesWaitWhileTheClientDoesNotReadItsReplies() {
        Recorder session = new Recorder();
        EmbeddedChannel channel = new EmbeddedChannel(session);
        channel.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(8, 16));
        channel.writeInbound(frame("F1"));
        // a reply the client has not read yet fills the outbound buffer above its high water mark
        channel.write(Unpooled.wrappedBuffer(new byte[32]));
        assertThat(channel.isWritable()).isFalse();
        channel.writeInbound(frame("F2"));
        channel.writeInbound(frame("F3"));
        assertThat(session.handled).containsExactly("F1");

        channel.flush(); // the client read it
        assertThat(channel.isWritable()).isTrue();
        assertThat(session.handled).containsExactly("F1", "F2", "F3");
        channel.finishAndReleaseAll();
    }

    @Test
    void backgroundWorkHoldsNoFrameBackAndHoldUntilHoldsThemUntilItsStageCompletes() {
        List<Runnable> work = new ArrayList<>();
        Recorder session = new Recorder(work::add);
        EmbeddedChannel channel = new EmbeddedChannel(session);
        channel.writeInbound(frame("BACKGROUND"));
        channel.writeInbound(frame("F1"));
        assertThat(session.handled).containsExactly("BACKGROUND", "F1");
        work.forEach(Runnable::run);
        channel.runPendingTasks();
        assertThat(session.handled).containsExactly("BACKGROUND", "F1", "landed read");

        channel.writeInbound(frame("HOLD"));
        channel.writeInbound(frame("F2"));
        channel.runPendingTasks();
        assertThat(session.handled).endsWith("HOLD");
        session.released.complete(null);
        channel.runPendingTasks();
        assertThat(session.handled).endsWith("HOLD", "held", "F2");
        channel.finishAndReleaseAll();
    }
}
