package io.mailplatform.pop3.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.server.net.CrlfLineDecoder;
import io.mailplatform.testsupport.fuzz.Fuzz;
import io.mailplatform.testsupport.fuzz.FuzzInput;
import io.mailplatform.testsupport.fuzz.HostileInputs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of the POP3 command path as the session runs it: mutated pipelines of valid commands
 * through the line decoder (with the default 1,024-octet limit) and the parser. Only
 * {@link Pop3SyntaxException} (an -ERR) may escape; its text is one clean line within RFC 1939's
 * 512 octets; a command is no larger than its line. Tries: {@code -Dfuzz.tries} (README "Development").
 */
class Pop3ParserFuzzTest {
    private static final int MAX_LINE = 1024;
    private static final Pop3CommandParser PARSER = new Pop3CommandParser();

    private static final List<String> PIPELINES = List.of(
            "USER alice\r\nPASS secret with spaces\r\n", "APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n",
            "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", "AUTH\r\n", "CAPA\r\nSTLS\r\n", "STAT\r\nLIST\r\nLIST 2\r\n",
            "RETR 1\r\nDELE 1\r\nNOOP\r\nRSET\r\n", "TOP 10 0\r\nTOP 1 4294967296\r\n", "UIDL\r\nUIDL 3\r\nQUIT\r\n",
            "user  bob\r\nretr   7\n");

    @Provide
    Arbitrary<FuzzInput> pipelines() {
        return HostileInputs.of(PIPELINES)
                .tokens(" ", "  ", "\r\n", "\n", "USER ", "PASS ", "APOP ", "TOP ", "RETR ", "LIST ", "UIDL ", "=", "*")
                .maxLength(8 * 1024)
                .arbitrary();
    }

    @Property
    void aMutatedPipelineGivesCommandsOrErrors(@ForAll("pipelines") FuzzInput input) {
        Fuzz.bounded(() -> {
            decodeAndParse(input);
            return null;
        });
    }

    private static void decodeAndParse(FuzzInput input) {
        EmbeddedChannel channel = new EmbeddedChannel(new CrlfLineDecoder(MAX_LINE));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(input.bytes()));
            channel.checkException();
            for (Object frame; (frame = channel.readInbound()) != null;) {
                if (frame instanceof ByteBuf line) {
                    try {
                        parse(line.toString(StandardCharsets.UTF_8));
                    } finally {
                        line.release();
                    }
                } else {
                    assertThat(frame).isInstanceOf(CrlfLineDecoder.LineTooLong.class);
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Lines as they could never come from the decoder too: CR, LF, NUL anywhere, any length. */
    @Property
    void aMutatedLineGivesACommandOrAnError(@ForAll("pipelines") FuzzInput input) {
        Fuzz.bounded(() -> {
            parse(input.utf8());
            return null;
        });
    }

    private static void parse(String line) {
        try {
            Pop3Command command = PARSER.parse(line);
            Fuzz.assertLinear("the command", command.toString().length(), line.length(), 1, 128);
        } catch (Pop3SyntaxException error) {
            String text = error.response().text();
            assertThat(text).doesNotContain("\r", "\n", "\0");
            // RFC 1939 §3: a response line is at most 512 octets with "-ERR " and CRLF
            assertThat(("-ERR " + text + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
        }
    }
}
