package io.mailplatform.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame decoder on wire bytes, each input also fed split at every offset (STYLE.md §4). */
class ImapFrameDecoderTest {
    private static final int MAX_LINE = 100;
    private static final long MAX_MESSAGE = 1000;

    /** A readable rendering of what the decoder emitted, so whole sequences compare with equals. */
    private static String describe(Object frame) {
        if (frame instanceof CommandFrame command) {
            StringBuilder out = new StringBuilder("FRAME");
            for (int i = 0; i < command.lines().size(); i++) {
                out.append(" [").append(new String(command.lines().get(i), StandardCharsets.ISO_8859_1)).append(']');
                if (i < command.literals().size()) {
                    out.append(" <").append(new String(command.literals().get(i), StandardCharsets.ISO_8859_1)).append('>');
                }
            }
            return out.toString();
        }
        if (frame instanceof ContinuationRequest request) {
            return "CONTINUE " + request.size();
        }
        if (frame instanceof LiteralPending pending) {
            return "HOLD " + pending.tag() + " " + pending.size() + (pending.synchronizing() ? "" : "+");
        }
        FrameRejected rejected = (FrameRejected) frame;
        return "REJECT " + rejected.tag() + " " + rejected.reason() + (rejected.append() ? " APPEND" : "");
    }

    private static List<String> decode(String input, int... splits) {
        EmbeddedChannel channel = new EmbeddedChannel(new ImapFrameDecoder(MAX_LINE, MAX_MESSAGE, Long.MAX_VALUE));
        feed(channel, input, splits);
        List<String> frames = frames(channel);
        channel.finishAndReleaseAll();
        return frames;
    }

    private static void feed(EmbeddedChannel channel, String input, int... splits) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        int from = 0;
        for (int split : splits) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, split - from));
            from = split;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, bytes.length - from));
    }

    private static List<String> frames(EmbeddedChannel channel) {
        List<String> frames = new ArrayList<>();
        Object frame;
        while ((frame = channel.readInbound()) != null) {
            frames.add(describe(frame));
        }
        return frames;
    }

    /**
     * Decodes with literals above {@code holdAbove} held: what comes out before the session's answer,
     * then (after {@code answer} and the tasks it schedules) what comes out after it, for every split.
     */
    private static List<List<String>> decodeHeld(String input, long holdAbove,
            java.util.function.Consumer<ImapFrameDecoder> answer) {
        List<List<String>> whole = null;
        for (int split = 0; split < input.length(); split++) {
            ImapFrameDecoder decoder = new ImapFrameDecoder(MAX_LINE, MAX_MESSAGE, holdAbove);
            EmbeddedChannel channel = new EmbeddedChannel(decoder);
            if (split == 0) {
                feed(channel, input);
            } else {
                feed(channel, input, split);
            }
            List<String> before = frames(channel);
            boolean paused = !channel.config().isAutoRead();
            answer.accept(decoder);
            channel.runPendingTasks();
            List<List<String>> result = List.of(before, frames(channel), List.of("paused " + paused,
                    "reading " + channel.config().isAutoRead()));
            channel.finishAndReleaseAll();
            if (whole == null) {
                whole = result;
            } else {
                assertThat(result).as("split at %d", split).isEqualTo(whole);
            }
        }
        return whole;
    }

    /** Decodes whole, then split once at every offset, then split into single octets: always the same frames. */
    private static List<String> decodeEverySplit(String input) {
        List<String> whole = decode(input);
        for (int split = 1; split < input.length(); split++) {
            assertThat(decode(input, split)).as("split at %d", split).isEqualTo(whole);
        }
        int[] everyOctet = new int[Math.max(0, input.length() - 1)];
        for (int i = 0; i < everyOctet.length; i++) {
            everyOctet[i] = i + 1;
        }
        assertThat(decode(input, everyOctet)).as("one octet at a time").isEqualTo(whole);
        return whole;
    }

    @Test
    void linesBecomeFramesWithCrlfOrBareLf() {
        assertThat(decodeEverySplit("a1 NOOP\r\na2 CAPABILITY\nb3 LOGOUT\r\n"))
                .containsExactly("FRAME [a1 NOOP]", "FRAME [a2 CAPABILITY]", "FRAME [b3 LOGOUT]");
    }

    @Test
    void synchronizingLiteralAsksForContinuationThenCompletesTheCommand() {
        assertThat(decodeEverySplit("A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n"))
                .containsExactly("CONTINUE 11", "CONTINUE 7", "FRAME [A001 LOGIN {11}] <FRED FOOBAR> [ {7}] <fat man> []");
    }

    @Test
    void literalOctetsMayHoldCrLfAndBraces() {
        assertThat(decodeEverySplit("a APPEND INBOX {12+}\r\nx\r\n{3}\r\ny}\r\n\r\n"))
                .containsExactly("FRAME [a APPEND INBOX {12+}] <x\r\n{3}\r\ny}\r\n> []");
    }

    @Test
    void nonSynchronizingAndZeroLengthLiterals() {
        assertThat(decodeEverySplit("t SEARCH SUBJECT {0+}\r\n TEXT {0}\r\n\r\n"))
                .containsExactly("CONTINUE 0", "FRAME [t SEARCH SUBJECT {0+}] <> [ TEXT {0}] <> []");
    }

    @Test
    void overlongLineIsSkippedToItsEndAndReportedWithItsTag() {
        String longLine = "tag1 NOOP " + "x".repeat(200) + "\r\n";
        assertThat(decodeEverySplit(longLine + "t2 NOOP\r\n"))
                .containsExactly("REJECT tag1 LINE_TOO_LONG", "FRAME [t2 NOOP]");
        assertThat(decodeEverySplit("y".repeat(300) + "\r\nt3 NOOP\r\n"))
                .containsExactly("REJECT null LINE_TOO_LONG", "FRAME [t3 NOOP]");
    }

    @Test
    void linesOfOneCommandShareTheLineLimit() {
        String first = "t LOGIN {1}\r\na" + " ".repeat(60);
        assertThat(decodeEverySplit(first + " {1}\r\nb" + " ".repeat(60) + "\r\nnext NOOP\r\n"))
                .containsExactly("CONTINUE 1", "CONTINUE 1", "REJECT t LINE_TOO_LONG", "FRAME [next NOOP]");
    }

    @Test
    void tooLargeSynchronizingLiteralIsRefusedBeforeItIsSent() {
        assertThat(decodeEverySplit("a1 LOGIN {500}\r\na2 NOOP\r\n"))
                .containsExactly("REJECT a1 LITERAL_TOO_LARGE", "FRAME [a2 NOOP]");
        assertThat(decodeEverySplit("a3 APPEND INBOX {99999999999}\r\na4 NOOP\r\n"))
                .containsExactly("REJECT a3 LITERAL_TOO_LARGE APPEND", "FRAME [a4 NOOP]");
    }

    @Test
    void appendMayCarryALargerLiteralThanOtherCommands() {
        String message = "m".repeat(600);
        assertThat(decode("a APPEND INBOX {600}\r\n" + message + "\r\n")).containsExactly("CONTINUE 600",
                "FRAME [a APPEND INBOX {600}] <" + message + "> []");
    }

    @Test
    void tooLargeNonSynchronizingLiteralIsSkippedWithTheRestOfItsCommand() {
        String literal = "z".repeat(2000);
        String more = "q".repeat(150);
        assertThat(decodeEverySplit("a5 APPEND INBOX {2000+}\r\n" + literal + " {150+}\r\n" + more + "\r\na6 NOOP\r\n"))
                .containsExactly("REJECT a5 NON_SYNC_LITERAL_TOO_LARGE APPEND", "FRAME [a6 NOOP]");
    }

    @Test
    void literalBufferGrowsWithTheOctetsNotTheAnnouncement() {
        EmbeddedChannel channel = new EmbeddedChannel(new ImapFrameDecoder(MAX_LINE, 100_000_000, Long.MAX_VALUE));
        channel.writeInbound(Unpooled.copiedBuffer("a APPEND INBOX {90000000+}\r\nabc", StandardCharsets.US_ASCII));
        // nothing emitted and no 90 MB buffer: the decoder holds only what arrived
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()).isLessThan(2_000_000_000L);
        channel.finishAndReleaseAll();
    }

    @Test
    void literalAboveTheHoldBoundWaitsForTheSessionThenIsReadWhenAccepted() {
        // the octets already sent (a client that did not wait for "+") are neither buffered nor lost
        assertThat(decodeHeld("a LOGIN {20}\r\n" + "x".repeat(20) + " pw\r\nb NOOP\r\n", 10, ImapFrameDecoder::acceptLiteral))
                .containsExactly(List.of("HOLD a 20"), List.of("FRAME [a LOGIN {20}] <" + "x".repeat(20) + "> [ pw]",
                        "FRAME [b NOOP]"), List.of("paused true", "reading true"));
        assertThat(decodeHeld("a LOGIN {10}\r\n" + "y".repeat(10) + "\r\n", 10, ImapFrameDecoder::acceptLiteral).get(0))
                .as("at the bound: no need to ask").containsExactly("CONTINUE 10", "FRAME [a LOGIN {10}] <yyyyyyyyyy> []");
    }

    @Test
    void refusedHeldLiteralIsNeverReadAndTheNextCommandIs() {
        assertThat(decodeHeld("a LOGIN {20}\r\nb NOOP\r\n", 10, ImapFrameDecoder::refuseLiteral))
                .containsExactly(List.of("HOLD a 20"), List.of("FRAME [b NOOP]"), List.of("paused true", "reading true"));
        // a non-synchronizing literal is on its way: its octets and the rest of its command are skipped
        assertThat(decodeHeld("a LOGIN {20+}\r\n" + "z".repeat(20) + " {3+}\r\nabc\r\nb NOOP\r\n", 10,
                ImapFrameDecoder::refuseLiteral))
                .containsExactly(List.of("HOLD a 20+"), List.of("FRAME [b NOOP]"), List.of("paused true", "reading true"));
    }

    @Test
    void holdBoundCanBeLifted() {
        ImapFrameDecoder decoder = new ImapFrameDecoder(MAX_LINE, MAX_MESSAGE, 10);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        decoder.holdLiteralsLargerThan(Long.MAX_VALUE);
        feed(channel, "a APPEND INBOX {500}\r\n");
        assertThat(frames(channel)).containsExactly("CONTINUE 500");
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void discardingBufferedInputForgetsAHeldLiteralAndReadsAgain() {
        ImapFrameDecoder decoder = new ImapFrameDecoder(MAX_LINE, MAX_MESSAGE, 10);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        feed(channel, "a LOGIN {20}\r\n");
        assertThat(frames(channel)).containsExactly("HOLD a 20");
        assertThat(channel.config().isAutoRead()).isFalse();
        decoder.discardBuffered();
        assertThat(channel.config().isAutoRead()).isTrue();
        feed(channel, "b NOOP\r\n");
        assertThat(frames(channel)).containsExactly("FRAME [b NOOP]");
        channel.finishAndReleaseAll();
    }

    @Test
    void limitsApplyBeforeTheHoldBound() {
        assertThat(decodeHeld("a LOGIN {500}\r\nb NOOP\r\n", 10, ImapFrameDecoder::refuseLiteral).get(0))
                .containsExactly("REJECT a LITERAL_TOO_LARGE", "FRAME [b NOOP]");
    }

    @Test
    void tagIsReadOnlyFromTagCharacters() {
        assertThat(ImapFrameDecoder.tagOf("a+b NOOP".getBytes(StandardCharsets.US_ASCII), 8, true)).isNull();
        assertThat(ImapFrameDecoder.tagOf("A]1 NOOP".getBytes(StandardCharsets.US_ASCII), 8, true)).isEqualTo("A]1");
        assertThat(ImapFrameDecoder.tagOf("(x NOOP".getBytes(StandardCharsets.US_ASCII), 7, true)).isNull();
    }
}
