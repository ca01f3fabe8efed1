package io.mailplatform.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrlfLineDecoderTest {

    private static List<Object> feed(byte[] input, int split, int max) {
        EmbeddedChannel channel = new EmbeddedChannel(new CrlfLineDecoder(max));
        channel.writeInbound(Unpooled.wrappedBuffer(input, 0, split));
        channel.writeInbound(Unpooled.wrappedBuffer(input, split, input.length - split));
        List<Object> out = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            if (message instanceof ByteBuf buf) {
                out.add(buf.toString(StandardCharsets.UTF_8));
                buf.release();
            } else {
                out.add(message);
            }
        }
        channel.finishAndReleaseAll();
        return out;
    }

    @Test
    void splitsCrlfAndBareLfLinesAtEveryOffset() {
        byte[] input = "HELO a\r\nNOOP\nQUIT\r\n\r\npartial".getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= input.length; split++) {
            assertThat(feed(input, split, 100)).as("split at %d", split).containsExactly("HELO a", "NOOP", "QUIT", "");
        }
    }

    @Test
    void replacesOverlongLinesWithOneEventAndContinues() {
        String longLine = "X".repeat(5000);
        byte[] input = ("NOOP\r\n" + longLine + "\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= input.length; split += 97) {
            assertThat(feed(input, split, 512)).as("split at %d", split)
                    .containsExactly("NOOP", new CrlfLineDecoder.LineTooLong(512), "QUIT");
        }
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() {
        String line = "Y".repeat(512);
        assertThat(feed((line + "\r\n").getBytes(StandardCharsets.US_ASCII), 3, 512)).containsExactly(line);
    }
}
