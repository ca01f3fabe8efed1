package io.mailplatform.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.log.LogFields;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A connection's correlation fields are in the MDC while its events are handled and in tasks it
 * hands elsewhere, and never stay behind on the (shared) thread.
 */
class SessionLogContextTest {

    /** Records the MDC as each read sees it; on a read of "envelope" it adds the envelope id. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final List<Map<String, String>> seen = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            seen.add(MDC.getCopyOfContextMap());
            if ("envelope".equals(msg)) {
                SessionLogContext.put(ctx.channel(), LogFields.ENVELOPE_ID, "env-1");
            }
        }
    }

    private static EmbeddedChannel channel(Recorder recorder) throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        SessionLogContext.start(channel, "imap");
        channel.pipeline().addLast(SessionLogContext.INSTANCE, recorder);
        channel.register();
        return channel;
    }

    @Test
    void eventsSeeTheFieldsAndTheThreadIsCleanAfterwards() throws Exception {
        MDC.clear();
        Recorder recorder = new Recorder();
        EmbeddedChannel channel = channel(recorder);
        String sessionId = "imap-" + channel.id().asShortText();

        channel.writeInbound("first");
        assertThat(recorder.seen.get(0)).containsEntry(LogFields.SESSION_ID, sessionId).doesNotContainKey(LogFields.ENVELOPE_ID);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();

        channel.writeInbound("envelope");
        channel.writeInbound("later");
        assertThat(recorder.seen.get(2)).containsEntry(LogFields.SESSION_ID, sessionId).containsEntry(LogFields.ENVELOPE_ID, "env-1");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();

        SessionLogContext.remove(channel, LogFields.ENVELOPE_ID);
        MDC.clear();
        channel.writeInbound("after");
        assertThat(recorder.seen.get(3)).doesNotContainKey(LogFields.ENVELOPE_ID);
        channel.finishAndReleaseAll();
    }

    @Test
    void wrappedTasksCarryTheFieldsAndRestoreWhatTheThreadHad() throws Exception {
        EmbeddedChannel channel = channel(new Recorder());
        MDC.put("other", "kept");
        List<String> seen = new ArrayList<>();
        Thread worker = new Thread(SessionLogContext.wrap(channel, () -> seen.add(MDC.get(LogFields.SESSION_ID))));
        worker.start();
        worker.join();
        SessionLogContext.wrap(channel, () -> seen.add(MDC.get(LogFields.SESSION_ID))).run();
        assertThat(seen).containsExactly("imap-" + channel.id().asShortText(), "imap-" + channel.id().asShortText());
        assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("other", "kept"));
        MDC.clear();
        channel.finishAndReleaseAll();
    }
}
