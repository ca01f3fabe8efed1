package io.mailplatform.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class DotStufferTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                // input, multi-line body on the wire, octets announced (RFC 1939 §11: CRLF form, without stuffing)
                Arguments.of("a\r\nb\r\n", "a\r\nb\r\n.\r\n", 6),
                Arguments.of("a\nb\n", "a\r\nb\r\n.\r\n", 6),
                Arguments.of("a\r\nb", "a\r\nb\r\n.\r\n", 6),
                Arguments.of(".x\r\n..y\r\n.\r\n", "..x\r\n...y\r\n..\r\n.\r\n", 12),
                Arguments.of(".x\n.\n", "..x\r\n..\r\n.\r\n", 7),
                Arguments.of(".", "..\r\n.\r\n", 3),
                Arguments.of("", ".\r\n", 0),
                Arguments.of("\n", "\r\n.\r\n", 2),
                Arguments.of("a\rb\r\n", "a\rb\r\n.\r\n", 5),
                Arguments.of("a\r", "a\r\n.\r\n", 3),
                Arguments.of("a\r\r\n", "a\r\r\n.\r\n", 4),
                Arguments.of("x.y\r\n", "x.y\r\n.\r\n", 5),
                Arguments.of("\r\n.\r\n", "\r\n..\r\n.\r\n", 5));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void encodesWholeMessages(String input, String wire, int octets) {
        assertThat(encode(DotStuffer.message(), input, input.length())).isEqualTo(wire);
        assertThat(DotStuffer.crlfOctets(bytes(input))).isEqualTo(octets);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void givesTheSameResultSplitAtEveryOffset(String input, String wire, int octets) {
        byte[] bytes = bytes(input);
        for (int split = 0; split <= bytes.length; split++) {
            DotStuffer stuffer = DotStuffer.message();
            ByteBuf out = Unpooled.buffer();
            stuffer.encode(bytes, 0, split, out);
            stuffer.encode(bytes, split, bytes.length, out);
            stuffer.finish(out);
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).as("split at %d", split).isEqualTo(wire);
            assertThat(stuffer.octets()).isEqualTo(octets);
            out.release();
        }
        assertThat(encode(DotStuffer.message(), input, 1)).as("byte by byte").isEqualTo(wire);
    }

    @Test
    void topSendsTheHeaderTheBlankLineAndNBodyLines() {
        String message = "H: 1\r\nH: 2\r\n\r\nb1\r\n.b2\r\nb3\r\n";
        assertThat(encode(DotStuffer.top(0), message, message.length())).isEqualTo("H: 1\r\nH: 2\r\n\r\n.\r\n");
        assertThat(encode(DotStuffer.top(2), message, message.length())).isEqualTo("H: 1\r\nH: 2\r\n\r\nb1\r\n..b2\r\n.\r\n");
        assertThat(encode(DotStuffer.top(10), message, message.length())).isEqualTo(
                "H: 1\r\nH: 2\r\n\r\nb1\r\n..b2\r\nb3\r\n.\r\n");
        assertThat(encode(DotStuffer.top(1), "H: 1\nB: x\n\nbody\nmore", 3)).isEqualTo("H: 1\r\nB: x\r\n\r\nbody\r\n.\r\n");
        assertThat(encode(DotStuffer.top(0), "H: only\r\n", 4)).as("a message without body")
                .isEqualTo("H: only\r\n.\r\n");
        DotStuffer top = DotStuffer.top(1);
        top.encode(bytes("H: 1\r\n\r\nb1\r\n"), 0, 12, null);
        assertThat(top.isComplete()).as("no more input needed").isTrue();
    }

    /** Random messages of the characters that matter, in random chunks: unstuffing gives the CRLF form back. */
    @RepeatedTest(200)
    void unstuffingGivesTheCanonicalFormBack() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        char[] alphabet = {'a', '.', '\r', '\n', ' '};
        StringBuilder input = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            input.append(alphabet[random.nextInt(alphabet.length)]);
        }
        String message = input.toString();
        DotStuffer stuffer = DotStuffer.message();
        String wire = encode(stuffer, message, 1 + random.nextInt(8));
        String canonical = canonical(message);
        assertThat(wire).as("seed %d, message %s", seed, escaped(message)).endsWith(".\r\n");
        assertThat(unstuff(wire.substring(0, wire.length() - 3))).as("seed %d, message %s", seed, escaped(message))
                .isEqualTo(canonical);
        assertThat(stuffer.octets()).as("seed %d", seed).isEqualTo(canonical.length());
        for (String line : wire.substring(0, wire.length() - 3).split("\r\n", -1)) {
            assertThat(line).as("seed %d: no line is a lone dot", seed).isNotEqualTo(".");
        }
    }

    /** Every LF or CRLF becomes CRLF, a CR at the very end too, and a last line without an ending gets one. */
    private static String canonical(String message) {
        String s = message.replaceAll("\r\n|\n", "\r\n");
        if (s.endsWith("\r") && !s.endsWith("\r\n")) {
            s = s + "\n";
        } else if (!s.isEmpty() && !s.endsWith("\r\n")) {
            s = s + "\r\n";
        }
        return s;
    }

    private static String unstuff(String body) {
        StringBuilder out = new StringBuilder();
        boolean lineStart = true;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (lineStart && c == '.') {
                lineStart = false;
                continue;
            }
            out.append(c);
            lineStart = c == '\n' && i > 0 && body.charAt(i - 1) == '\r';
        }
        return out.toString();
    }

    /** Encodes {@code input} in chunks of {@code chunk} characters. */
    private static String encode(DotStuffer stuffer, String input, int chunk) {
        byte[] bytes = bytes(input);
        ByteBuf out = Unpooled.buffer();
        if (chunk <= 0 || chunk >= bytes.length) {
            stuffer.encode(bytes, 0, bytes.length, out);
        } else {
            for (int from = 0; from < bytes.length; from += chunk) {
                stuffer.encode(bytes, from, Math.min(bytes.length, from + chunk), out);
            }
        }
        stuffer.finish(out);
        try {
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String escaped(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
