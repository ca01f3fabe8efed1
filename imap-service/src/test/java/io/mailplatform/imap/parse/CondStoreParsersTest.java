package io.mailplatform.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.MailboxCommands.StatusItem;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.command.SequenceSet.Range;
import io.mailplatform.imap.fetch.FetchItem.Attribute;
import io.mailplatform.imap.search.SearchKey;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.search.SearchCriterion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 7162 syntax (§7): wire text in, command record out; malformed parameters are syntax errors. */
class CondStoreParsersTest {
    private final ImapCommandParser parser = new ImapCommandParser(new ParserLimits(20, 5, 50));

    private ImapCommand parse(String text) {
        return parser.parse(new CommandFrame(List.of(text.getBytes(StandardCharsets.UTF_8)), List.of()));
    }

    private static SequenceSet set(long first, long last) {
        return SequenceSet.of(new Range(first, last));
    }

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("A142 SELECT INBOX (CONDSTORE)", new MailboxCommands.Select("A142", "INBOX", false, true, null)),
                Arguments.of("A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41:211))",
                        new MailboxCommands.Select("A02", "INBOX", false, false, new MailboxCommands.QResync(67890007L,
                                20050715194045000L, set(41, 211), null, null))),
                Arguments.of("B04 EXAMINE INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000 15000,22500,27000)))",
                        new MailboxCommands.Select("B04", "INBOX", true, false, new MailboxCommands.QResync(67890007L,
                                90060115194045000L, set(1, 29997),
                                SequenceSet.of(Range.of(5000), Range.of(7500), Range.of(9000)),
                                SequenceSet.of(Range.of(15000), Range.of(22500), Range.of(27000))))),
                Arguments.of("a SELECT INBOX (QRESYNC (1 2 (1 3)) CONDSTORE)",
                        new MailboxCommands.Select("a", "INBOX", false, true, new MailboxCommands.QResync(1, 2, null,
                                SequenceSet.of(Range.of(1)), SequenceSet.of(Range.of(3))))),
                Arguments.of("a SELECT INBOX (QRESYNC (1 2))",
                        new MailboxCommands.Select("a", "INBOX", false, false, new MailboxCommands.QResync(1, 2, null, null, null))),
                Arguments.of("s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)",
                        new MessageCommands.Fetch("s100", true, set(1, SequenceSet.STAR), List.of(Attribute.FLAGS), 12345L,
                                false)),
                Arguments.of("s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)",
                        new MessageCommands.Fetch("s100", true, set(300, 500), List.of(Attribute.FLAGS), 12345L, true)),
                Arguments.of("a FETCH 1 MODSEQ", new MessageCommands.Fetch("a", false, set(1, 1), List.of(Attribute.MODSEQ))),
                Arguments.of("a FETCH 1 FAST (changedsince 2)", new MessageCommands.Fetch("a", false, set(1, 1),
                        List.of(Attribute.FLAGS, Attribute.INTERNALDATE, Attribute.RFC822_SIZE), 2L, false)),
                Arguments.of("d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)",
                        new MessageCommands.Store("d105", false, SequenceSet.of(Range.of(7), Range.of(5), Range.of(9)),
                                FlagMode.ADD, true, List.of("\\Deleted"), 320162338L)),
                Arguments.of("a UID STORE 1 (UNCHANGEDSINCE 0) FLAGS \\Seen",
                        new MessageCommands.Store("a", true, set(1, 1), FlagMode.REPLACE, false, List.of("\\Seen"), 0L)),
                Arguments.of("A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)", new MailboxCommands.Status("A042",
                        "blurdybloop", List.of(StatusItem.UIDNEXT, StatusItem.MESSAGES, StatusItem.HIGHESTMODSEQ))),
                Arguments.of("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338", new MessageCommands.Search("a", false,
                        null, null, new SearchKey.Match(new SearchCriterion.ModSeq(620162338L)))),
                Arguments.of("a SEARCH MODSEQ 0", new MessageCommands.Search("a", false, null, null,
                        new SearchKey.Match(new SearchCriterion.ModSeq(0)))));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("wellFormed")
    void parses(String wire, ImapCommand expected) {
        assertThat(parse(wire)).isEqualTo(expected);
    }

    static Stream<String> malformed() {
        return Stream.of("a SELECT INBOX ()", "a SELECT INBOX (CONDSTORE", "a SELECT INBOX (FOO)",
                "a SELECT INBOX (CONDSTORE CONDSTORE)", "a SELECT INBOX (QRESYNC)", "a SELECT INBOX (QRESYNC ())",
                "a SELECT INBOX (QRESYNC (0 1))", "a SELECT INBOX (QRESYNC (1 0))", "a SELECT INBOX (QRESYNC (1 2 3:4 (1)))",
                "a SELECT INBOX (QRESYNC (1 2 3:4 (1 2) x))", "a SELECT INBOX x", "a FETCH 1 FLAGS ()",
                "a FETCH 1 FLAGS (CHANGEDSINCE)", "a FETCH 1 FLAGS (CHANGEDSINCE 0)", "a FETCH 1 FLAGS (CHANGEDSINCE x)",
                "a FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)", "a FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)",
                "a UID FETCH 1 FLAGS (VANISHED)", "a UID FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775808)",
                "a FETCH 1 MODSEQ[]", "a STORE 1 (UNCHANGEDSINCE) FLAGS \\Seen", "a STORE 1 (UNCHANGEDSINCE 1) \\Seen",
                "a STORE 1 (FOO 1) FLAGS \\Seen", "a STORE 1 (UNCHANGEDSINCE 1 UNCHANGEDSINCE 2) FLAGS \\Seen",
                "a STORE 1 (UNCHANGEDSINCE 1)FLAGS \\Seen", "a SEARCH MODSEQ", "a SEARCH MODSEQ x",
                "a SEARCH MODSEQ \"/flags/\\\\seen\" 5", "a SEARCH MODSEQ \"/flags/\\\\seen\" other 5",
                "a SEARCH MODSEQ \"/other\" all 5");
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("malformed")
    void malformedParametersAreSyntaxErrors(String wire) {
        assertThatThrownBy(() -> parse(wire)).isInstanceOf(CommandParseException.class);
    }
}
