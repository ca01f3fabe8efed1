package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.smtp.EnhancedStatusCode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {
    private final ReplyParser parser = new ReplyParser(5);

    private SmtpReply parse(String... lines) throws ReplySyntaxException {
        SmtpReply reply = null;
        for (int i = 0; i < lines.length; i++) {
            reply = parser.line(lines[i]);
            assertThat(reply == null).as("reply complete after line %d", i).isEqualTo(i < lines.length - 1);
        }
        return reply;
    }

    @Test
    void aSingleLineReplyWithAnEnhancedStatus() throws Exception {
        assertThat(parse("550 5.1.1 <bob@example.org>: no such user"))
                .isEqualTo(new SmtpReply(550, new EnhancedStatusCode(5, 1, 1), List.of("5.1.1 <bob@example.org>: no such user")));
    }

    @Test
    void aMultiLineReplyKeepsEveryLine() throws Exception {
        SmtpReply reply = parse("250-mx.example.org greets you", "250-PIPELINING", "250 SIZE 1000");
        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.lines()).containsExactly("mx.example.org greets you", "PIPELINING", "SIZE 1000");
        assertThat(reply.enhancedStatus()).isNull();
        assertThat(reply.status()).hasToString("2.0.0");
    }

    @Test
    void aBareCodeIsAReply() throws Exception {
        assertThat(parse("354")).isEqualTo(new SmtpReply(354, null, List.of("")));
        assertThat(parse("250 ").lines()).containsExactly("");
    }

    @Test
    void anEnhancedStatusOfAnotherClassIsNotBelieved() throws Exception {
        assertThat(parse("451 5.1.1 odd").enhancedStatus()).isNull();
        assertThat(parse("451 odd").status()).hasToString("4.0.0");
        assertThat(parse("550 5.1.10x").enhancedStatus()).isNull();
        assertThat(parse("550 5.1234.1 x").enhancedStatus()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "25", "hello", "250x text", "150 old style", "650 no", "260 second digit", "2a0 x", "250\tok"})
    void whatIsNoReplyLineIsASyntaxError(String line) {
        assertThatThrownBy(() -> parser.line(line)).isInstanceOf(ReplySyntaxException.class);
    }

    @Test
    void aMultiLineReplyMayNotChangeItsCode() throws Exception {
        parser.line("250-first");
        assertThatThrownBy(() -> parser.line("251 second")).isInstanceOf(ReplySyntaxException.class)
                .hasMessageContaining("250").hasMessageContaining("251");
    }

    @Test
    void aReplyHasAtMostTheConfiguredLines() throws Exception {
        for (int i = 0; i < 5; i++) {
            parser.line("250-line " + i);
        }
        assertThatThrownBy(() -> parser.line("250 last")).isInstanceOf(ReplySyntaxException.class)
                .hasMessageContaining("5 lines");
    }

    @Test
    void controlCharactersInTheTextAreReplaced() throws Exception {
        assertThat(parse("550 5.7.1 evil\u0000\u001b[31m\ttext").lines()).containsExactly("5.7.1 evil??[31m text");
    }

    @Test
    void theDiagnosticIsOneLineAndBounded() throws Exception {
        assertThat(parse("550-5.1.1 first", "550 5.1.1 second")).hasToString("550 5.1.1 first 5.1.1 second");
        assertThat(parse("550 " + "x".repeat(5000)).toString()).hasSize(1000).endsWith("...");
    }

    /** Random input never escapes as anything but a syntax error or a reply. */
    @RepeatedTest(20)
    void randomLinesGiveRepliesOrSyntaxErrorsOnly() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        ReplyParser fuzzed = new ReplyParser(10);
        for (int i = 0; i < 500; i++) {
            String alphabet = "0123456789 -.2345abc\u00e9\u0000";
            char[] chars = new char[random.nextInt(8)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            try {
                fuzzed.line(new String(chars));
            } catch (ReplySyntaxException expected) {
                fuzzed = new ReplyParser(10);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", line '" + new String(chars) + "'", e);
            }
        }
    }
}
