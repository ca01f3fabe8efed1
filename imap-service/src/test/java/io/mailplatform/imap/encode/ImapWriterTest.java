package io.mailplatform.imap.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Quoted strings (RFC 9051 §4.3): DQUOTE and backslash escaped, everything else as it is (UTF-8 once enabled); numbers
 * and NIL.
 */
class ImapWriterTest {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ImapWriter writer = new ImapWriter(new ImapWriter.Sink() {
        @Override
        public void write(ByteBuf bytes) {
            byte[] octets = new byte[bytes.readableBytes()];
            bytes.readBytes(octets);
            bytes.release();
            sent.writeBytes(octets);
        }

        @Override
        public void defer(DeferredOutput output) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ByteBufAllocator alloc() {
            return UnpooledByteBufAllocator.DEFAULT;
        }
    });

    private String quoted(String value) {
        sent.reset();
        writer.quoted(value);
        writer.flush();
        return sent.toString(StandardCharsets.UTF_8);
    }

    private String string(String value) {
        sent.reset();
        writer.string(value);
        writer.flush();
        return sent.toString(StandardCharsets.UTF_8);
    }

    private String written(Consumer<ImapWriter> write) {
        sent.reset();
        write.accept(writer);
        writer.flush();
        return sent.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void numbersAreTheirDecimalDigits() {
        assertThat(written(w -> w.number(0))).isEqualTo("0");
        assertThat(written(w -> w.number(7).sp().number(10).sp().number(4_294_967_295L))).isEqualTo("7 10 4294967295");
        assertThat(written(w -> w.number(Long.MAX_VALUE))).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(written(w -> w.raw("(UID ").number(99).sp().nil().raw(")"))).isEqualTo("(UID 99 NIL)");
    }

    @Test
    void plainTextIsQuotedAsItIs() {
        assertThat(quoted("Hello, world")).isEqualTo("\"Hello, world\"");
        assertThat(quoted("")).isEqualTo("\"\"");
    }

    @Test
    void quotesAndBackslashesAreEscapedWhereverTheyAre() {
        assertThat(quoted("\"a\\b\"")).isEqualTo("\"\\\"a\\\\b\\\"\"");
        assertThat(quoted("x\\\\")).isEqualTo("\"x\\\\\\\\\"");
    }

    @Test
    void utf8TextKeepsItsOctetsAroundEscapes() {
        writer.utf8(true);
        assertThat(quoted("Grüße \"Jürgen\"")).isEqualTo("\"Grüße \\\"Jürgen\\\"\"");
    }

    @Test
    void aStringIsQuotedWhenItCanBeAndALiteralOtherwise() {
        assertThat(string("a \"b\"")).isEqualTo("\"a \\\"b\\\"\"");
        assertThat(string("two\r\nlines")).isEqualTo("{10}\r\ntwo\r\nlines");
        assertThat(string("nul\0")).isEqualTo("{4}\r\nnul\0");
        // 8-bit text is a literal of its UTF-8 octets until the client enables IMAP4rev2 or UTF8=ACCEPT
        assertThat(string("Grüße")).isEqualTo("{7}\r\nGrüße");
        writer.utf8(true);
        assertThat(string("Grüße")).isEqualTo("\"Grüße\"");
    }

    @Test
    void theLimitOfAQuotedStringIsCountedInOctets() {
        writer.utf8(true);
        String ascii = "a".repeat(1024);
        assertThat(string(ascii)).isEqualTo("\"" + ascii + "\"");
        assertThat(string(ascii + "a")).startsWith("{1025}\r\n");
        // 1,000 characters, 1,026 octets
        String umlauts = "ü".repeat(26) + "a".repeat(974);
        assertThat(string(umlauts)).startsWith("{1026}\r\n");
    }

    @Test
    void aLongResponseKeepsItsOrderAcrossGrowthAndFlushes() {
        StringBuilder expected = new StringBuilder();
        sent.reset();
        for (int i = 1; i <= 3000; i++) {
            writer.raw("* ").number(i).raw(" FETCH (FLAGS (\\Seen) ENVELOPE (").quoted("s\"" + i).sp().nil().close().close().crlf();
            writer.endOfResponse();
            expected.append("* ").append(i).append(" FETCH (FLAGS (\\Seen) ENVELOPE (\"s\\\"").append(i).append("\" NIL))\r\n");
        }
        // more than the flush threshold went out before the final flush
        assertThat(sent.size()).isGreaterThan(32 * 1024);
        writer.flush();
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        // the writer goes on after handing over a large array
        assertThat(written(w -> w.raw("a").crlf())).isEqualTo("a\r\n");
    }

    @Test
    void rawTextOutsideAsciiBecomesAQuestionMark() {
        assertThat(written(w -> w.raw("caf\u00e9 \u20ac"))).isEqualTo("caf? ?");
    }

    @Test
    void discardedOutputIsNeverSent() {
        sent.reset();
        writer.raw("* 1 EXISTS").crlf();
        writer.discard();
        writer.raw("* 2 EXISTS").crlf().flush();
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("* 2 EXISTS\r\n");
    }
}
