package io.mailplatform.smtp.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.smtp.command.ForwardPath;
import io.mailplatform.smtp.command.MailParameters;
import io.mailplatform.smtp.command.RcptParameters;
import io.mailplatform.smtp.command.ReversePath;
import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.reply.SmtpException;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Wire bytes in, command record (or reply) out: the parser as a table (STYLE.md §4). */
class SmtpCommandParserTest {

    static Stream<Arguments> commands() throws Exception {
        return Stream.of(
                Arguments.of("EHLO client.example.org", new SmtpCommand.Ehlo("client.example.org")),
                Arguments.of("ehlo [192.0.2.1]", new SmtpCommand.Ehlo("[192.0.2.1]")),
                Arguments.of("HELO  host_with_underscore", new SmtpCommand.Helo("host_with_underscore")),
                Arguments.of("MAIL FROM:<>", new SmtpCommand.MailFrom(ReversePath.NULL, MailParameters.NONE)),
                Arguments.of("mail from:<a@b.example>", new SmtpCommand.MailFrom(
                        new ReversePath(MailboxAddress.parse("a@b.example"), false), MailParameters.NONE)),
                Arguments.of("MAIL FROM: <a@b.example> size=100 BODY=8bitmime SMTPUTF8 RET=HDRS ENVID=x+2By AUTH=<>",
                        new SmtpCommand.MailFrom(new ReversePath(MailboxAddress.parse("a@b.example"), false),
                                new MailParameters(100, BodyType.EIGHT_BIT_MIME, true, DsnReturn.HDRS, "x+y", "<>"))),
                Arguments.of("MAIL FROM:<\"quoted local\"@example.test> BODY=BINARYMIME", new SmtpCommand.MailFrom(
                        new ReversePath(MailboxAddress.parse("\"quoted local\"@example.test"), false),
                        new MailParameters(-1, BodyType.BINARY_MIME, false, null, null, null))),
                Arguments.of("MAIL FROM:<jörg@bücher.example> SMTPUTF8", new SmtpCommand.MailFrom(
                        new ReversePath(MailboxAddress.parse("jörg@bücher.example"), true),
                        new MailParameters(-1, BodyType.SEVEN_BIT, true, null, null, null))),
                Arguments.of("RCPT TO:<@relay.example,@b.example:u@d.example> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;u+40d.example",
                        new SmtpCommand.RcptTo(new ForwardPath(MailboxAddress.parse("u@d.example"), false),
                                new RcptParameters(Set.of(DsnNotify.SUCCESS, DsnNotify.DELAY), "rfc822;u+40d.example"))),
                Arguments.of("RCPT TO:<Postmaster>", new SmtpCommand.RcptTo(ForwardPath.POSTMASTER, RcptParameters.NONE)),
                Arguments.of("RCPT TO:<postmaster@example.test> NOTIFY=never", new SmtpCommand.RcptTo(
                        new ForwardPath(MailboxAddress.parse("postmaster@example.test"), false),
                        new RcptParameters(Set.of(DsnNotify.NEVER), null))),
                Arguments.of("DATA", new SmtpCommand.Data()),
                Arguments.of("BDAT 100 LAST", new SmtpCommand.Bdat(100, true)),
                Arguments.of("bdat 0", new SmtpCommand.Bdat(0, false)),
                Arguments.of("RSET", new SmtpCommand.Rset()),
                Arguments.of("NOOP anything at all", new SmtpCommand.Noop()),
                Arguments.of("QUIT", new SmtpCommand.Quit()),
                Arguments.of("STARTTLS", new SmtpCommand.StartTls()),
                Arguments.of("AUTH PLAIN dGVzdA==", new SmtpCommand.Auth("PLAIN", "dGVzdA==")),
                Arguments.of("auth login", new SmtpCommand.Auth("LOGIN", null)),
                Arguments.of("AUTH PLAIN =", new SmtpCommand.Auth("PLAIN", "=")),
                Arguments.of("VRFY alice", new SmtpCommand.Vrfy("alice")),
                Arguments.of("EXPN staff", new SmtpCommand.Expn("staff")),
                Arguments.of("HELP", new SmtpCommand.Help(null)),
                Arguments.of("HELP MAIL", new SmtpCommand.Help("MAIL")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void parsesCommandLines(String wire, SmtpCommand expected) {
        assertThat(SmtpCommandParser.parse(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("FROB", "500 5.5.1"),
                Arguments.of("", "500 5.5.2"),
                Arguments.of("!!!", "500 5.5.2"),
                Arguments.of("NOOP\u0001", "500 5.5.2"),
                Arguments.of("NOOP " + "x".repeat(506), "500 5.5.6"),
                Arguments.of("EHLO", "501 5.5.2"),
                Arguments.of("MAIL <a@b.example>", "501 5.5.2"),
                Arguments.of("MAIL FROM:a@b.example", "501 5.1.7"),
                Arguments.of("MAIL FROM:<a@b.example", "501 5.1.7"),
                Arguments.of("MAIL FROM:<@route.example>", "501 5.1.7"),
                Arguments.of("MAIL FROM:<" + "a".repeat(65) + "@b.example>", "501 5.1.7"),
                Arguments.of("MAIL FROM:<a@" + "b".repeat(250) + ".example>", "501 5.1.7"),
                Arguments.of("MAIL FROM:<a@b.example> SIZE=-1", "501 5.5.4"),
                Arguments.of("MAIL FROM:<a@b.example> SIZE", "501 5.5.4"),
                Arguments.of("MAIL FROM:<a@b.example> SMTPUTF8=yes", "501 5.5.4"),
                Arguments.of("MAIL FROM:<a@b.example> ENVID=" + "x".repeat(101), "501 5.5.4"),
                Arguments.of("MAIL FROM:<a@b.example> ENVID=a+2b", "501 5.5.4"),
                Arguments.of("MAIL FROM:<a@b.example> NOTIFY=SUCCESS", "555 5.5.4"),
                Arguments.of("MAIL FROM:<a@b.example> X-UNKNOWN", "555 5.5.4"),
                Arguments.of("MAIL FROM:<a@b.example> " + "X".repeat(1100), "500 5.5.6"),
                Arguments.of("RCPT TO:<>", "501 5.1.3"),
                Arguments.of("RCPT TO:<a@b.example> RET=FULL", "555 5.5.4"),
                Arguments.of("RCPT TO:<a@b.example> NOTIFY=", "501 5.5.4"),
                Arguments.of("RCPT TO:<a@b.example> NOTIFY=FAILURE,FAILURE", "501 5.5.4"),
                Arguments.of("RCPT TO:<a@b.example> ORCPT=;x", "501 5.5.4"),
                Arguments.of("RCPT FROM:<a@b.example>", "501 5.5.2"),
                Arguments.of("DATA x", "501 5.5.2"),
                Arguments.of("BDAT", "501 5.5.2"),
                Arguments.of("BDAT x", "501 5.5.2"),
                Arguments.of("BDAT 10 FIRST", "501 5.5.2"),
                Arguments.of("BDAT 1234567890123456789", "501 5.5.2"),
                Arguments.of("AUTH", "501 5.5.2"),
                Arguments.of("AUTH PLAIN a b", "501 5.5.2"),
                Arguments.of("VRFY", "501 5.5.2"),
                Arguments.of("QUIT now", "501 5.5.2"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesBadLinesWithTheirReply(String wire, String codeAndStatus) {
        assertThatThrownBy(() -> SmtpCommandParser.parse(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.reply().code() + " " + e.reply().status())
                        .isEqualTo(codeAndStatus));
    }

    @ParameterizedTest
    @MethodSource("invalidUtf8")
    void refusesInvalidUtf8(byte[] wire) {
        assertThatThrownBy(() -> SmtpCommandParser.parse(Unpooled.wrappedBuffer(wire)))
                .isInstanceOfSatisfying(SmtpException.class, e -> assertThat(e.reply().code()).isEqualTo(500));
    }

    static Stream<byte[]> invalidUtf8() {
        return Stream.of(new byte[] {'M', 'A', 'I', 'L', ' ', (byte) 0xc3}, new byte[] {'N', 'O', 'O', 'P', ' ', (byte) 0xff, 'x'});
    }

    @Test
    void mailAndRcptLinesMayGrowBeyond512OctetsWithTheirParameters() {
        String rcpt = "RCPT TO:<a@b.example> ORCPT=rfc822;" + "a".repeat(480);
        assertThat(SmtpCommandParser.parse(Unpooled.copiedBuffer(rcpt, StandardCharsets.US_ASCII)))
                .isInstanceOf(SmtpCommand.RcptTo.class);
    }

    static Stream<String> longEchoes() {
        String keyword = "X-" + "K".repeat(488);
        return Stream.of(
                // the sample as jqwik shrank it
                "RCPT TO:<postmaster@example.test> NOTIFY=" + "NOTIFY=".repeat(69) + "NEVER",
                "RCPT TO:<postmaster@example.test> NOTIFY=SUCCESS," + "S".repeat(600),
                "RCPT TO:<postmaster@example.test> NOTIFY=" + "DELAY,".repeat(100) + "DELAY",
                "MAIL FROM:<a@b.example> " + keyword + "=1 " + keyword);
    }

    /**
     * Found by {@link SmtpParserFuzzTest}: a refusal quoted the client's NOTIFY value whole, so a
     * long one made a reply line longer than RFC 5321 §4.5.3.1.5 allows (512 octets with CRLF).
     */
    @ParameterizedTest
    @MethodSource("longEchoes")
    void aRefusalQuotesAtMostAnExcerptOfTheClientsText(String wire) {
        assertThatThrownBy(() -> SmtpCommandParser.parse(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(SmtpException.class, e -> {
                    assertThat(e.reply().code()).isBetween(500, 599);
                    assertThat((e.reply() + "\r\n").getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(512);
                });
    }

    /** Random lines never make the parser fail with anything but a protocol reply. */
    @RepeatedTest(20)
    void randomBytesOnlyEverGiveProtocolReplies() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String[] prefixes = {"", "MAIL FROM:", "RCPT TO:<", "MAIL FROM:<a@b> ", "BDAT ", "AUTH ", "EHLO "};
        for (int i = 0; i < 500; i++) {
            byte[] tail = new byte[random.nextInt(80)];
            for (int j = 0; j < tail.length; j++) {
                tail[j] = (byte) (random.nextBoolean() ? 0x20 + random.nextInt(95) : random.nextInt(256));
            }
            byte[] prefix = prefixes[random.nextInt(prefixes.length)].getBytes(StandardCharsets.US_ASCII);
            byte[] line = new byte[prefix.length + tail.length];
            System.arraycopy(prefix, 0, line, 0, prefix.length);
            System.arraycopy(tail, 0, line, prefix.length, tail.length);
            try {
                SmtpCommandParser.parse(Unpooled.wrappedBuffer(line));
            } catch (SmtpException expected) {
                assertThat(expected.reply().code()).as("seed %d", seed).isBetween(500, 599);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + new String(line, StandardCharsets.ISO_8859_1), e);
            }
        }
    }
}
