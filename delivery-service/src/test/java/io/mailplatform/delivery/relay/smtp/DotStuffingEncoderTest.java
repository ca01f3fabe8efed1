package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotStuffingEncoderTest {

    /** Encodes the text cut into chunks at the given offsets. */
    private static byte[] encode(byte[] text, int... cuts) {
        DotStuffingEncoder encoder = new DotStuffingEncoder();
        ByteBuf out = Unpooled.buffer();
        int from = 0;
        for (int cut : cuts) {
            int before = out.writerIndex();
            encoder.encode(text, from, cut, out);
            assertThat(out.writerIndex() - before).isLessThanOrEqualTo(DotStuffingEncoder.maxEncodedLength(cut - from));
            from = cut;
        }
        encoder.encode(text, from, text.length, out);
        int before = out.writerIndex();
        encoder.finish(out);
        assertThat(out.writerIndex() - before).isLessThanOrEqualTo(DotStuffingEncoder.MAX_FINISH_LENGTH);
        byte[] wire = new byte[out.readableBytes()];
        out.readBytes(wire);
        return wire;
    }

    private static String wire(String text) {
        return new String(encode(text.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'a\r\nb\r\n'|'a\r\nb\r\n.\r\n'",
            "''|'.\r\n'",
            "'.\r\n'|'..\r\n.\r\n'",
            "'.hidden\r\n..two\r\nmid.dle\r\n'|'..hidden\r\n...two\r\nmid.dle\r\n.\r\n'",
            "'no end'|'no end\r\n.\r\n'",
            "'bare\nlf\n.dot'|'bare\r\nlf\r\n..dot\r\n.\r\n'",
            "'bare\rcr\r.dot\r'|'bare\r\ncr\r\n..dot\r\n.\r\n'",
            "'\r\r\n\n'|'\r\n\r\n\r\n.\r\n'",
            "'x\r\n.'|'x\r\n..\r\n.\r\n'"})
    void dotsAreStuffedAndLineEndsBecomeCrlf(String text, String expected) {
        assertThat(wire(text)).isEqualTo(expected);
    }

    /**
     * Property: wherever the text is cut into chunks the wire is the same, and a server's
     * unstuffing gives back the text with its line ends made CRLF (and a last one added).
     */
    @RepeatedTest(200)
    void chunkBoundariesChangeNothingAndUnstuffingRestoresTheText() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] text = new byte[random.nextInt(60)];
        byte[] alphabet = {'.', '.', '\r', '\n', 'a', 'b', (byte) 0xe9, 0};
        for (int i = 0; i < text.length; i++) {
            text[i] = alphabet[random.nextInt(alphabet.length)];
        }
        byte[] whole = encode(text);
        for (int cut = 0; cut <= text.length; cut++) {
            assertThat(encode(text, cut)).as("seed %d, cut at %d", seed, cut).isEqualTo(whole);
        }
        int first = random.nextInt(text.length + 1);
        assertThat(encode(text, first, first + random.nextInt(text.length - first + 1))).as("seed %d", seed).isEqualTo(whole);
        assertThat(unstuff(whole)).as("seed %d", seed).isEqualTo(crlf(text));
    }

    /** What the receiving server does (RFC 5321 §4.5.2): drop the end line, and one leading dot per line. */
    private static byte[] unstuff(byte[] wire) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        if (text.equals(".\r\n")) {
            return new byte[0]; // the empty message
        }
        assertThat(text.indexOf("\r\n.\r\n")).as("only the end is CRLF . CRLF").isEqualTo(text.length() - 5);
        StringBuilder out = new StringBuilder();
        for (String line : text.substring(0, text.length() - 3).split("\r\n", -1)) {
            assertThat(line).doesNotContain("\r").doesNotContain("\n");
            out.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        out.setLength(out.length() - 2);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The text as it should arrive: CR LF, lone CR and lone LF each one CRLF; a last line end added. */
    private static byte[] crlf(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                continue;
            }
            if (text[i] == '\r' || text[i] == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(text[i]);
            }
        }
        byte[] normalized = out.toByteArray();
        boolean ended = normalized.length == 0 || normalized.length >= 2 && normalized[normalized.length - 2] == '\r'
                && normalized[normalized.length - 1] == '\n';
        if (!ended) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }
}
