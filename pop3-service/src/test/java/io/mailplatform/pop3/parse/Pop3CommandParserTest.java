package io.mailplatform.pop3.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.server.net.CrlfLineDecoder;
import io.mailplatform.pop3.command.MessageNumber;
import io.mailplatform.pop3.command.Pop3Command;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Pop3CommandParserTest {
    private final Pop3CommandParser parser = new Pop3CommandParser();

    private static MessageNumber n(int value) {
        return new MessageNumber(value);
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("USER mrose", new Pop3Command.User("mrose")),
                Arguments.of("user alice@example.test", new Pop3Command.User("alice@example.test")),
                Arguments.of("PASS secret", new Pop3Command.Pass("secret")),
                Arguments.of("PASS pass word ", new Pop3Command.Pass("pass word ")),
                Arguments.of("APOP mrose c4c9334bac560ecc979e58001b3e22fb",
                        new Pop3Command.Apop("mrose", "c4c9334bac560ecc979e58001b3e22fb")),
                Arguments.of("AUTH", new Pop3Command.Auth(null, null)),
                Arguments.of("AUTH plain", new Pop3Command.Auth("PLAIN", null)),
                Arguments.of("AUTH PLAIN AGFAYg==", new Pop3Command.Auth("PLAIN", "AGFAYg==")),
                Arguments.of("AUTH PLAIN =", new Pop3Command.Auth("PLAIN", "=")),
                Arguments.of("STLS", new Pop3Command.Stls()),
                Arguments.of("capa", new Pop3Command.Capa()),
                Arguments.of("QUIT", new Pop3Command.Quit()),
                Arguments.of("STAT", new Pop3Command.Stat()),
                Arguments.of("LIST", new Pop3Command.List(null)),
                Arguments.of("LIST 2", new Pop3Command.List(n(2))),
                Arguments.of("LIST 002", new Pop3Command.List(n(2))),
                Arguments.of("RETR 1", new Pop3Command.Retr(n(1))),
                Arguments.of("DELE 1", new Pop3Command.Dele(n(1))),
                Arguments.of("NOOP", new Pop3Command.Noop()),
                Arguments.of("RSET", new Pop3Command.Rset()),
                Arguments.of("TOP 1 10", new Pop3Command.Top(n(1), 10)),
                Arguments.of("TOP 1 0", new Pop3Command.Top(n(1), 0)),
                Arguments.of("TOP 1 99999999999", new Pop3Command.Top(n(1), Integer.MAX_VALUE)),
                Arguments.of("UIDL", new Pop3Command.Uidl(null)),
                Arguments.of("UIDL 2", new Pop3Command.Uidl(n(2))),
                Arguments.of("STAT ", new Pop3Command.Stat()),
                Arguments.of("RETR  1", new Pop3Command.Retr(n(1))));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void parsesEveryCommand(String line, Pop3Command expected) throws Pop3SyntaxException {
        assertThat(parser.parse(line)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("", "Empty command line"),
                Arguments.of("   ", "Empty command line"),
                Arguments.of("XYZZY", "Unknown command"),
                Arguments.of("RETRIEVE 1", "Unknown command"),
                Arguments.of("USER", "USER needs a mailbox name"),
                Arguments.of("USER a b", "Too many arguments for USER"),
                Arguments.of("PASS", "PASS needs a password"),
                Arguments.of("APOP mrose", "APOP needs a digest"),
                Arguments.of("APOP mrose xyz", "The APOP digest must be 32 hexadecimal digits"),
                Arguments.of("AUTH PLAIN a b", "Too many arguments for AUTH"),
                Arguments.of("STAT 1", "Too many arguments for STAT"),
                Arguments.of("RETR", "RETR needs a message number"),
                Arguments.of("RETR 0", "Invalid message number: 0"),
                Arguments.of("RETR -1", "Invalid message number: -1"),
                Arguments.of("RETR +1", "Invalid message number: +1"),
                Arguments.of("RETR one", "Invalid message number: one"),
                Arguments.of("RETR 99999999999", "Invalid message number: 99999999999"),
                Arguments.of("DELE 1 2", "Too many arguments for DELE"),
                Arguments.of("LIST x", "Invalid message number: x"),
                Arguments.of("TOP 1", "TOP needs a line count"),
                Arguments.of("TOP 1 -1", "Invalid line count: -1"),
                Arguments.of("TOP 1 2 3", "Too many arguments for TOP"),
                Arguments.of("UIDL 1 2", "Too many arguments for UIDL"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void refusesMalformedLinesWithTheirReason(String line, String reason) {
        assertThatThrownBy(() -> parser.parse(line)).isInstanceOf(Pop3SyntaxException.class)
                .satisfies(e -> assertThat(((Pop3SyntaxException) e).response().text()).isEqualTo(reason));
    }

    @RepeatedTest(300)
    void randomLinesNeverRaiseAnythingButASyntaxError() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String[] words = {"USER", "PASS", "APOP", "AUTH", "TOP", "RETR", "LIST", "UIDL", "DELE", "STAT", "1", "-1", "0",
                "x", "", " ", "PLAIN", "c4c9334bac560ecc979e58001b3e22fb", "\u00e9", "\0", "99999999999"};
        StringBuilder line = new StringBuilder();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            line.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
        }
        try {
            Pop3Command command = parser.parse(line.toString());
            assertThat(command).as("seed %d", seed).isNotNull();
        } catch (Pop3SyntaxException e) {
            assertThat(e.response().ok()).as("seed %d", seed).isFalse();
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ", line '" + line + "'", e);
        }
    }

    /** Pipelined commands arrive in arbitrary TCP segments: the same commands for every split. */
    @Test
    void framingAndParsingDoNotDependOnWhereTheInputIsSplit() throws Pop3SyntaxException {
        byte[] input = "USER alice@example.test\r\nPASS two words\r\nSTAT\nLIST 2\r\nTOP 1 5\r\nQUIT\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        List<Pop3Command> expected = List.of(new Pop3Command.User("alice@example.test"), new Pop3Command.Pass("two words"),
                new Pop3Command.Stat(), new Pop3Command.List(n(2)), new Pop3Command.Top(n(1), 5), new Pop3Command.Quit());
        for (int split = 0; split <= input.length; split++) {
            EmbeddedChannel channel = new EmbeddedChannel(new CrlfLineDecoder(1024));
            channel.writeInbound(Unpooled.wrappedBuffer(input, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(input, split, input.length - split));
            List<Pop3Command> parsed = new ArrayList<>();
            Object frame;
            while ((frame = channel.readInbound()) != null) {
                ByteBuf line = (ByteBuf) frame;
                parsed.add(parser.parse(line.toString(StandardCharsets.UTF_8)));
                line.release();
            }
            assertThat(parsed).as("split at %d", split).isEqualTo(expected);
            channel.finishAndReleaseAll();
        }
    }
}
