package io.mailplatform.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.command.MetadataCommands.Depth;
import io.mailplatform.imap.command.MetadataCommands.EntryValue;
import io.mailplatform.imap.command.MetadataCommands.GetMetadata;
import io.mailplatform.imap.command.MetadataCommands.SetMetadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 5464 syntax (§5): wire text in, command record out; malformed commands are syntax errors. */
class MetadataParsersTest {
    private final ImapCommandParser parser = new ImapCommandParser(new ParserLimits(20, 5, 50));

    private ImapCommand parse(String text) {
        return parser.parse(new CommandFrame(List.of(bytes(text)), List.of()));
    }

    /** A command whose first line ends with a literal's marker; {@code rest} follows the literal. */
    private ImapCommand parse(String first, byte[] literal, String rest) {
        return parser.parse(new CommandFrame(List.of(bytes(first), bytes(rest)), List.of(literal)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("a GETMETADATA \"\" /shared/comment",
                        new GetMetadata("a", "", null, Depth.ZERO, List.of("/shared/comment"))),
                Arguments.of("a GETMETADATA INBOX (/shared/comment /private/comment)",
                        new GetMetadata("a", "INBOX", null, Depth.ZERO, List.of("/shared/comment", "/private/comment"))),
                Arguments.of("a GETMETADATA (MAXSIZE 1024) INBOX (\"/shared/comment\")",
                        new GetMetadata("a", "INBOX", 1024L, Depth.ZERO, List.of("/shared/comment"))),
                // RFC 5464 §4.2.1's own example puts the options after the mailbox
                Arguments.of("a GETMETADATA \"INBOX\" (MAXSIZE 1024) (\"/shared/comment\" \"/private/comment\")",
                        new GetMetadata("a", "INBOX", 1024L, Depth.ZERO, List.of("/shared/comment", "/private/comment"))),
                Arguments.of("a GETMETADATA (DEPTH 1) \"INBOX\" \"/private/filters/values\"",
                        new GetMetadata("a", "INBOX", null, Depth.ONE, List.of("/private/filters/values"))),
                Arguments.of("a GETMETADATA (DEPTH infinity MAXSIZE 7) INBOX /private",
                        new GetMetadata("a", "INBOX", 7L, Depth.INFINITY, List.of("/private"))),
                Arguments.of("a SETMETADATA INBOX (/private/comment NIL)",
                        new SetMetadata("a", "INBOX", List.of(new EntryValue("/private/comment", null)))),
                Arguments.of("a SETMETADATA \"\" (/private/x \"one\" /private/y \"two\")",
                        new SetMetadata("a", "", List.of(new EntryValue("/private/x", bytes("one")),
                                new EntryValue("/private/y", bytes("two"))))));
    }

    @ParameterizedTest
    @MethodSource("wellFormed")
    void parses(String wire, ImapCommand expected) {
        assertThat(parse(wire)).isEqualTo(expected);
    }

    @Test
    void valuesMayBeLiteralsAndLiteral8() {
        assertThat(parse("a SETMETADATA INBOX (/private/comment {3}", bytes("a\0b"), ")"))
                .isEqualTo(new SetMetadata("a", "INBOX", List.of(new EntryValue("/private/comment", bytes("a\0b")))));
        assertThat(parse("a SETMETADATA INBOX (/private/comment ~{3}", bytes("a\0b"), ")"))
                .isEqualTo(new SetMetadata("a", "INBOX", List.of(new EntryValue("/private/comment", bytes("a\0b")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a GETMETADATA", "a GETMETADATA INBOX", "a GETMETADATA (DEPTH 2) INBOX /private",
            "a GETMETADATA (DEPTH 1 DEPTH 0) INBOX /private", "a GETMETADATA (COLOR 1) INBOX /private",
            "a GETMETADATA (MAXSIZE -1) INBOX /private", "a GETMETADATA INBOX ()", "a GETMETADATA INBOX (/a",
            "a SETMETADATA INBOX", "a SETMETADATA INBOX /private/x \"1\"", "a SETMETADATA INBOX ()",
            "a SETMETADATA INBOX (/private/x)", "a SETMETADATA INBOX (/private/x \"1\"", "a SETMETADATA INBOX (/private/x 1)"})
    void malformedCommandsAreSyntaxErrors(String wire) {
        assertThatThrownBy(() -> parse(wire)).isInstanceOf(CommandParseException.class);
    }
}
