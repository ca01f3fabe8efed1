package io.mailplatform.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame decoder on bytes, every input also split in two at every offset (STYLE.md §4): the
 * frames must not depend on how TCP cut the stream. A tiny stand-in session accepts DATA and
 * STARTTLS the way the real one does.
 */
class SmtpFrameDecoderTest {

    /** Decodes {@code input} fed in the given pieces; returns a readable description of the frames. */
    private static List<String> decode(String... pieces) {
        SmtpFrameDecoder decoder = new SmtpFrameDecoder();
        List<String> frames = new ArrayList<>();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object frame) {
                try {
                    if (!(frame instanceof SmtpFrame.MessageContent) && content.size() > 0) {
                        frames.add("content:" + content.toString(StandardCharsets.ISO_8859_1));
                        content.reset();
                    }
                    if (frame instanceof SmtpFrame.CommandLine) {
                        String line = ((SmtpFrame.CommandLine) frame).content().toString(StandardCharsets.ISO_8859_1);
                        frames.add("line:" + line);
                        if (line.equals("DATA")) {
                            decoder.startData();
                        } else if (line.equals("STARTTLS")) {
                            decoder.discardBuffered();
                            decoder.resumeCommands();
                        } else if (line.equals("DATA refused")) {
                            decoder.resumeCommands();
                        }
                    } else if (frame instanceof SmtpFrame.MessageContent) {
                        ByteBuf bytes = ((SmtpFrame.MessageContent) frame).content();
                        byte[] copy = new byte[bytes.readableBytes()];
                        bytes.getBytes(bytes.readerIndex(), copy);
                        content.writeBytes(copy);
                    } else {
                        frames.add(frame instanceof Enum ? frame.getClass().getSimpleName() : frame.toString());
                    }
                } finally {
                    ReferenceCountUtil.release(frame);
                }
            }
        });
        for (String piece : pieces) {
            channel.writeInbound(Unpooled.copiedBuffer(piece, StandardCharsets.ISO_8859_1));
            channel.runPendingTasks();
        }
        if (content.size() > 0) {
            frames.add("content:" + content.toString(StandardCharsets.ISO_8859_1));
        }
        channel.finishAndReleaseAll();
        return frames;
    }

    /** The same frames whether the input comes at once or split at any offset. */
    private static void assertFrames(String input, String... expected) {
        assertThat(decode(input)).as("whole").containsExactly(expected);
        for (int i = 1; i < input.length(); i++) {
            assertThat(decode(input.substring(0, i), input.substring(i))).as("split at %d", i).containsExactly(expected);
        }
    }

    @Test
    void commandLinesWithCrlfOrBareLf() {
        assertFrames("NOOP\r\nRSET\nQUIT\r\n", "line:NOOP", "line:RSET", "line:QUIT");
    }

    @Test
    void dataIsDotUnstuffedAndEndsAtCrlfDotCrlfWithPipelinedCommandsAfterIt() {
        assertFrames("DATA\r\nSubject: x\r\n\r\n..dot\r\n.x\r\n.\r\nQUIT\r\n",
                "line:DATA", "content:Subject: x\r\n\r\n.dot\r\nx\r\n", "EndOfData[lineTooLong=false]", "line:QUIT");
    }

    @Test
    void anEmptyMessageEndsAtOnce() {
        assertFrames("DATA\r\n.\r\nNOOP\r\n", "line:DATA", "EndOfData[lineTooLong=false]", "line:NOOP");
    }

    @Test
    void onlyCrlfDotCrlfEndsTheData() {
        // a bare LF or CR before the dot is content (no "SMTP smuggling" of a second transaction)
        assertFrames("DATA\r\na\n.\nMAIL FROM:<x@y>\r\nb\r.\r\n.\r\n",
                "line:DATA", "content:a\n.\nMAIL FROM:<x@y>\r\nb\r.\r\n", "EndOfData[lineTooLong=false]");
    }

    @Test
    void aTextLineOver1000OctetsIsFlaggedAtOnceAndAtTheEnd() {
        String line = "y".repeat(999);
        // the flag comes as soon as the line is known to be too long, before the content that holds it
        assertThat(decode("DATA\r\n" + line + "\r\n.\r\n")).containsExactly("line:DATA", "TextLineTooLong",
                "content:" + line + "\r\n", "EndOfData[lineTooLong=true]");
        assertThat(decode("DATA\r\n" + line, "more\r\nand more\r\n" + line + "\r\n.\r\n")).containsExactly("line:DATA",
                "content:" + line, "TextLineTooLong", "content:more\r\nand more\r\n" + line + "\r\n",
                "EndOfData[lineTooLong=true]");
        String fits = "y".repeat(998);
        assertThat(decode("DATA\r\n." + fits + "\r\n.\r\n")).containsExactly("line:DATA", "content:" + fits + "\r\n",
                "EndOfData[lineTooLong=false]");
    }

    @Test
    void nothingAfterDataIsDecodedUntilTheSessionDecides() {
        assertFrames("DATA refused\r\nNOOP\r\n", "line:DATA refused", "line:NOOP");
    }

    @Test
    void plaintextPipelinedAfterStarttlsIsDiscarded() {
        assertThat(decode("STARTTLS\r\nMAIL FROM:<x@y>\r\n")).containsExactly("line:STARTTLS");
        assertThat(decode("STARTTLS\r\nMAIL FROM:<x", "@y>\r\n")).containsExactly("line:STARTTLS", "line:@y>");
    }

    @Test
    void bdatChunksAreFramedByTheirSizeWhateverTheyContain() {
        assertFrames("BDAT 9\r\n.\r\nQUIT\r\nBDAT 0 LAST\r\nNOOP\r\n",
                "line:BDAT 9", "content:.\r\nQUIT\r\n", "EndOfChunk", "line:BDAT 0 LAST", "EndOfChunk",
                "line:NOOP");
    }

    @Test
    void anOverlongCommandLineIsDiscardedWithoutBufferingAndTheNextLineIsRead() {
        String huge = "x".repeat(SmtpFrameDecoder.MAX_LINE + 10);
        assertThat(decode(huge + "\r\nNOOP\r\n")).containsExactly("CommandTooLong", "line:NOOP");
        assertThat(decode(huge.substring(0, 6000), huge.substring(6000), huge.substring(0, 100) + "\r\nNOOP\r\n"))
                .containsExactly("CommandTooLong", "line:NOOP");
    }
}
