package io.mailplatform.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.command.AnyStateCommands;
import io.mailplatform.imap.command.AuthCommands;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.MailboxCommands.ListReturn;
import io.mailplatform.imap.command.MailboxCommands.ListSelection;
import io.mailplatform.imap.command.MailboxCommands.StatusItem;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.QuotaCommands;
import io.mailplatform.core.thread.ThreadAlgorithm;
import io.mailplatform.imap.command.MessageCommands.SearchReturn;
import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.command.SequenceSet.Range;
import io.mailplatform.imap.fetch.BinarySection;
import io.mailplatform.imap.fetch.BinarySize;
import io.mailplatform.imap.fetch.BodySection;
import io.mailplatform.imap.fetch.FetchItem;
import io.mailplatform.imap.fetch.FetchItem.Attribute;
import io.mailplatform.imap.fetch.Partial;
import io.mailplatform.imap.fetch.Section;
import io.mailplatform.imap.search.SearchKey;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.search.SearchCriterion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Wire text in, command record out (STYLE.md §4); literals given as frames as the decoder builds them. */
class ImapCommandParserTest {
    private final ImapCommandParser parser = new ImapCommandParser(new ParserLimits(20, 5, 50));

    /** A frame from wire text: a literal marker at a line's end takes the next literal from {@code literals}. */
    private static CommandFrame frame(String text, String... literals) {
        List<byte[]> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> octets = new ArrayList<>();
        for (String literal : literals) {
            octets.add(literal.getBytes(StandardCharsets.UTF_8));
        }
        return new CommandFrame(lines, octets);
    }

    private ImapCommand parse(String text, String... literals) {
        return parser.parse(frame(text, literals));
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("a CAPABILITY", new AnyStateCommands.Capability("a")),
                Arguments.of("a capability", new AnyStateCommands.Capability("a")),
                Arguments.of("A1 noop", new AnyStateCommands.Noop("A1")),
                Arguments.of("x.y LOGOUT", new AnyStateCommands.Logout("x.y")),
                Arguments.of("a ID NIL", new AnyStateCommands.Id("a", null)),
                Arguments.of("a ID (\"name\" \"mutt\" \"version\" NIL)",
                        new AnyStateCommands.Id("a", java.util.Arrays.asList("name", "mutt", "version", null))),
                Arguments.of("a STARTTLS", new AuthCommands.StartTls("a")),
                Arguments.of("a001 LOGIN SMITH SESAME", new AuthCommands.Login("a001", "SMITH", "SESAME")),
                Arguments.of("a LOGIN \"fred \\\"x\\\"\" \"a\\\\b\"", new AuthCommands.Login("a", "fred \"x\"", "a\\b")),
                Arguments.of("a AUTHENTICATE PLAIN", new AuthCommands.Authenticate("a", "PLAIN", null)),
                Arguments.of("a AUTHENTICATE plain dGVzdAB0ZXN0AHRlc3Q=",
                        new AuthCommands.Authenticate("a", "PLAIN", "dGVzdAB0ZXN0AHRlc3Q=")),
                Arguments.of("a AUTHENTICATE EXTERNAL =", new AuthCommands.Authenticate("a", "EXTERNAL", "=")),
                Arguments.of("a ENABLE IMAP4rev2 CONDSTORE", new MailboxCommands.Enable("a", List.of("IMAP4rev2", "CONDSTORE"))),
                Arguments.of("A142 SELECT INBOX", new MailboxCommands.Select("A142", "INBOX", false)),
                Arguments.of("A932 EXAMINE blurdybloop", new MailboxCommands.Select("A932", "blurdybloop", true)),
                Arguments.of("a SELECT \"Sent Items\"", new MailboxCommands.Select("a", "Sent Items", false)),
                Arguments.of("A003 CREATE owatagusiam/", new MailboxCommands.Create("A003", "owatagusiam/")),
                Arguments.of("A683 DELETE blurdybloop", new MailboxCommands.Delete("A683", "blurdybloop")),
                Arguments.of("A683 RENAME blurdybloop sarasoop", new MailboxCommands.Rename("A683", "blurdybloop", "sarasoop")),
                Arguments.of("A002 SUBSCRIBE #news.comp.mail.mime", new MailboxCommands.Subscribe("A002", "#news.comp.mail.mime")),
                Arguments.of("A002 UNSUBSCRIBE #news.comp.mail.mime", new MailboxCommands.Unsubscribe("A002", "#news.comp.mail.mime")),
                Arguments.of("A101 LIST \"\" \"\"", new MailboxCommands.ListMailboxes("A101", List.of(), "", List.of(""),
                        List.of(), List.of(), false)),
                Arguments.of("A202 LIST ~/Mail/ %", new MailboxCommands.ListMailboxes("A202", List.of(), "~/Mail/", List.of("%"),
                        List.of(), List.of(), false)),
                Arguments.of("A02 LIST (SUBSCRIBED) \"\" \"*\"", new MailboxCommands.ListMailboxes("A02",
                        List.of(ListSelection.SUBSCRIBED), "", List.of("*"), List.of(), List.of(), true)),
                Arguments.of("A03 LIST () \"\" \"%\" RETURN (CHILDREN)", new MailboxCommands.ListMailboxes("A03",
                        List.of(), "", List.of("%"), List.of(ListReturn.CHILDREN), List.of(), true)),
                Arguments.of("a3.1 LIST \"\" (% music/rock)", new MailboxCommands.ListMailboxes("a3.1", List.of(), "",
                        List.of("%", "music/rock"), List.of(), List.of(), true)),
                Arguments.of("A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))", new MailboxCommands.ListMailboxes("A01",
                        List.of(), "", List.of("%"), List.of(), List.of(StatusItem.MESSAGES, StatusItem.UNSEEN), true)),
                Arguments.of("C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\" RETURN (CHILDREN)",
                        new MailboxCommands.ListMailboxes("C04", List.of(ListSelection.SUBSCRIBED, ListSelection.RECURSIVEMATCH),
                                "", List.of("%"), List.of(ListReturn.CHILDREN), List.of(), true)),
                Arguments.of("a LSUB \"#news.\" \"comp.mail.*\"", new MailboxCommands.Lsub("a", "#news.", "comp.mail.*")),
                Arguments.of("A001 NAMESPACE", new MailboxCommands.Namespace("A001")),
                Arguments.of("A042 STATUS blurdybloop (UIDNEXT MESSAGES)", new MailboxCommands.Status("A042", "blurdybloop",
                        List.of(StatusItem.UIDNEXT, StatusItem.MESSAGES))),
                Arguments.of("A002 IDLE", new MailboxCommands.Idle("A002")),
                Arguments.of("a STATUS INBOX (DELETED-STORAGE SIZE)", new MailboxCommands.Status("a", "INBOX",
                        List.of(StatusItem.DELETED_STORAGE, StatusItem.SIZE))),
                Arguments.of("A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000", new MessageCommands.Thread("A283", false,
                        ThreadAlgorithm.ORDEREDSUBJECT, "UTF-8", match(new SearchCriterion.InternalDate(Instant.parse("2000-03-05T00:00:00Z"), null)))),
                Arguments.of("A285 UID THREAD references US-ASCII ALL", new MessageCommands.Thread("A285", true,
                        ThreadAlgorithm.REFERENCES, "US-ASCII", match(new SearchCriterion.All()))),
                Arguments.of("G0001 GETQUOTA \"!partition.sda4\"", new QuotaCommands.GetQuota("G0001", "!partition.sda4")),
                Arguments.of("A003 GETQUOTAROOT INBOX", new QuotaCommands.GetQuotaRoot("A003", "INBOX")),
                Arguments.of("S0000 SETQUOTA \"#user/alice\" (STORAGE 510 MESSAGE 100)", new QuotaCommands.SetQuota("S0000",
                        "#user/alice", List.of(new QuotaCommands.ResourceLimit("STORAGE", 510),
                                new QuotaCommands.ResourceLimit("MESSAGE", 100)))),
                Arguments.of("S0001 SETQUOTA \"\" ()", new QuotaCommands.SetQuota("S0001", "", List.of())),
                Arguments.of("a CHECK", new MessageCommands.Check("a")),
                Arguments.of("A341 CLOSE", new MessageCommands.Close("A341")),
                Arguments.of("A342 UNSELECT", new MessageCommands.Unselect("A342")),
                Arguments.of("A202 EXPUNGE", new MessageCommands.Expunge("A202", null)),
                Arguments.of("A003 UID EXPUNGE 3000:3002", new MessageCommands.Expunge("A003", SequenceSet.of(new Range(3000, 3002)))),
                Arguments.of("A003 STORE 2:4 +FLAGS (\\Deleted)", new MessageCommands.Store("A003", false,
                        SequenceSet.of(new Range(2, 4)), FlagMode.ADD, false, List.of("\\Deleted"))),
                Arguments.of("a UID STORE 1,3:* -FLAGS.SILENT \\Seen $Work", new MessageCommands.Store("a", true,
                        new SequenceSet(List.of(Range.of(1), new Range(3, SequenceSet.STAR)), false), FlagMode.REMOVE, true,
                        List.of("\\Seen", "$Work"))),
                Arguments.of("a STORE $ FLAGS ()", new MessageCommands.Store("a", false, SequenceSet.saved(), FlagMode.REPLACE,
                        false, List.of())),
                Arguments.of("A003 COPY 2:4 MEETING", new MessageCommands.Copy("A003", false, SequenceSet.of(new Range(2, 4)),
                        "MEETING")),
                Arguments.of("a UID MOVE 42:69 foo", new MessageCommands.Move("a", true, SequenceSet.of(new Range(42, 69)), "foo")),
                Arguments.of("A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])", new MessageCommands.Fetch("A654", false,
                        SequenceSet.of(new Range(2, 4)), List.of(Attribute.FLAGS, BodySection.of(new Section(List.of(),
                                Section.Text.HEADER_FIELDS, List.of("DATE", "FROM")), false, null)))),
                Arguments.of("a003 fetch 12 full", new MessageCommands.Fetch("a003", false, SequenceSet.of(Range.of(12)),
                        FetchItem.full())),
                Arguments.of("a FETCH * fast", new MessageCommands.Fetch("a", false, SequenceSet.of(Range.of(SequenceSet.STAR)),
                        FetchItem.fast())),
                Arguments.of("a FETCH 1 ALL", new MessageCommands.Fetch("a", false, SequenceSet.of(Range.of(1)), FetchItem.all())),
                Arguments.of("a FETCH 1 body.peek[4.2.HEADER]<0.2048>", new MessageCommands.Fetch("a", false,
                        SequenceSet.of(Range.of(1)), List.of(BodySection.of(new Section(List.of(4, 2), Section.Text.HEADER, List.of()),
                                true, new Partial(0, 2048))))),
                Arguments.of("a FETCH 1 (BODY[] BODY[3.MIME] BODY[TEXT] RFC822 RFC822.HEADER RFC822.TEXT)",
                        new MessageCommands.Fetch("a", false, SequenceSet.of(Range.of(1)), List.of(
                                BodySection.of(Section.WHOLE, false, null),
                                BodySection.of(new Section(List.of(3), Section.Text.MIME, List.of()), false, null),
                                BodySection.of(Section.of(Section.Text.TEXT), false, null),
                                new BodySection(Section.WHOLE, false, null, BodySection.Alias.RFC822),
                                new BodySection(Section.of(Section.Text.HEADER), true, null, BodySection.Alias.RFC822_HEADER),
                                new BodySection(Section.of(Section.Text.TEXT), false, null, BodySection.Alias.RFC822_TEXT)))),
                Arguments.of("a UID FETCH 1:* (BINARY.PEEK[1]<0.100> BINARY.SIZE[2] BODY BODYSTRUCTURE ENVELOPE)",
                        new MessageCommands.Fetch("a", true, SequenceSet.of(new Range(1, SequenceSet.STAR)), List.of(
                                new BinarySection(List.of(1), true, new Partial(0, 100)), new BinarySize(List.of(2)),
                                Attribute.BODY, Attribute.BODYSTRUCTURE, Attribute.ENVELOPE))),
                Arguments.of("a FETCH 1 BODY[HEADER.FIELDS.NOT (\"X-A\" received)]", new MessageCommands.Fetch("a", false,
                        SequenceSet.of(Range.of(1)), List.of(BodySection.of(new Section(List.of(), Section.Text.HEADER_FIELDS_NOT,
                                List.of("X-A", "received")), false, null)))),
                Arguments.of("A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"",
                        new MessageCommands.Search("A282", false, List.of(SearchReturn.MIN, SearchReturn.COUNT), null,
                                new SearchKey.And(List.of(flag(MessageFlags.FLAGGED, true),
                                        match(new SearchCriterion.InternalDate(Instant.parse("1994-02-01T00:00:00Z"), null)),
                                        new SearchKey.Not(match(new SearchCriterion.FieldContains(SearchCriterion.Field.FROM, "Smith"))))))),
                Arguments.of("A283 SEARCH RETURN () UNDELETED", new MessageCommands.Search("A283", false, List.of(), null,
                        flag(MessageFlags.DELETED, false))),
                Arguments.of("a UID SEARCH OR (SEEN 1:3) HEADER Message-ID \"<x@y>\"", new MessageCommands.Search("a", true, null,
                        null, new SearchKey.Or(new SearchKey.And(List.of(flag(MessageFlags.SEEN, true),
                                new SearchKey.Sequence(SequenceSet.of(new Range(1, 3)), false))),
                                match(new SearchCriterion.HeaderContains("Message-ID", "<x@y>"))))),
                Arguments.of("a SEARCH UID $ SMALLER 4096 SENTON \"7-Feb-1994\" NEW", new MessageCommands.Search("a", false, null,
                        null, new SearchKey.And(List.of(new SearchKey.Sequence(SequenceSet.saved(), true),
                                match(new SearchCriterion.Size(4096, false)),
                                match(new SearchCriterion.SentDate(LocalDate.parse("1994-02-07"), LocalDate.parse("1994-02-08"))),
                                new SearchKey.And(List.of(new SearchKey.Recent(true), flag(MessageFlags.SEEN, false))))))),
                Arguments.of("a SEARCH KEYWORD $Junk UNKEYWORD $NotJunk OLD LARGER 10 BODY x TEXT \"y z\"",
                        new MessageCommands.Search("a", false, null, null, new SearchKey.And(List.of(
                                match(new SearchCriterion.Keyword("$Junk", true)), match(new SearchCriterion.Keyword("$NotJunk", false)),
                                new SearchKey.Recent(false), match(new SearchCriterion.Size(10, true)), match(new SearchCriterion.FullText("x", true)),
                                match(new SearchCriterion.FullText("y z", false)))))));
    }

    private static SearchKey match(SearchCriterion criterion) {
        return new SearchKey.Match(criterion);
    }

    private static SearchKey flag(int bit, boolean set) {
        return match(new SearchCriterion.SystemFlag(bit, set));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void parses(String wire, ImapCommand expected) {
        assertThat(parse(wire)).isEqualTo(expected);
    }

    @Test
    void severalMessagesMakeAMultiappend() {
        // RFC 3502 §6: append-message = SP [flag-list SP] [date-time SP] append-data, repeated
        assertThat(parse("A1 APPEND box {1}\n (\\Seen) \"07-Feb-1994 21:52:25 -0800\" ~{1}\n", "x", "y"))
                .isEqualTo(new MailboxCommands.MultiAppend("A1", "box", List.of(
                        new MailboxCommands.Append("A1", "box", List.of(), null, "x".getBytes()),
                        new MailboxCommands.Append("A1", "box", List.of("\\Seen"), Instant.parse("1994-02-08T05:52:25Z"),
                                "y".getBytes(), MailboxCommands.AppendData.LITERAL8))));
    }

    @Test
    void literalsAreTakenWholeFromTheFrame() {
        assertThat(parse("A001 LOGIN {11}\n {7}\n", "FRED FOOBAR", "fat man"))
                .isEqualTo(new AuthCommands.Login("A001", "FRED FOOBAR", "fat man"));
        assertThat(parse("A285 SEARCH CHARSET UTF-8 TEXT {12}\n", "отпуск"))
                .isEqualTo(new MessageCommands.Search("A285", false, null, "UTF-8", match(new SearchCriterion.FullText("отпуск", false))));
        String message = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nSubject: afternoon meeting\r\n\r\nHello Joe\r\n";
        assertThat(parse("A003 APPEND saved-messages (\\Seen) {326}\n", message)).isEqualTo(new MailboxCommands.Append("A003",
                "saved-messages", List.of("\\Seen"), null, message.getBytes(StandardCharsets.UTF_8)));
        assertThat(parse("a APPEND INBOX \" 7-Feb-1994 21:52:25 -0800\" {4+}\n", "abcd")).isEqualTo(new MailboxCommands.Append(
                "a", "INBOX", List.of(), Instant.parse("1994-02-08T05:52:25Z"), "abcd".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * A run of spaces between two arguments is one separator (Dovecot's parser skips them too; the
     * RFC 9051 §9 grammar has a single SP): each line parses as its single-spaced twin.
     */
    static Stream<Arguments> spacedOut() {
        return Stream.of(
                Arguments.of("a STORE 1  FLAGS (\\Deleted)", "a STORE 1 FLAGS (\\Deleted)"),
                Arguments.of("a UID STORE  1:3   +FLAGS.SILENT  \\Seen  $Work", "a UID STORE 1:3 +FLAGS.SILENT \\Seen $Work"),
                Arguments.of("a STORE 1 FLAGS (\\Seen   \\Flagged)", "a STORE 1 FLAGS (\\Seen \\Flagged)"),
                Arguments.of("a SELECT  INBOX", "a SELECT INBOX"),
                Arguments.of("a LOGIN  user   pass", "a LOGIN user pass"),
                Arguments.of("a FETCH 1:*  (FLAGS  UID   BODY.PEEK[HEADER.FIELDS (From  To)])",
                        "a FETCH 1:* (FLAGS UID BODY.PEEK[HEADER.FIELDS (From To)])"),
                Arguments.of("a SEARCH  RETURN (MIN  MAX)  CHARSET  UTF-8  OR  SEEN  (FLAGGED  TEXT x)",
                        "a SEARCH RETURN (MIN MAX) CHARSET UTF-8 OR SEEN (FLAGGED TEXT x)"),
                Arguments.of("a UID COPY  1  Archive", "a UID COPY 1 Archive"),
                Arguments.of("a RENAME  old  new", "a RENAME old new"),
                Arguments.of("a STATUS  INBOX  (MESSAGES  UIDNEXT)", "a STATUS INBOX (MESSAGES UIDNEXT)"),
                Arguments.of("a LIST  (SUBSCRIBED)  \"\"  (INBOX  Sent)  RETURN  (CHILDREN)",
                        "a LIST (SUBSCRIBED) \"\" (INBOX Sent) RETURN (CHILDREN)"),
                Arguments.of("a ENABLE  IMAP4rev2   CONDSTORE", "a ENABLE IMAP4rev2 CONDSTORE"),
                Arguments.of("a AUTHENTICATE PLAIN  dGVzdA==", "a AUTHENTICATE PLAIN dGVzdA=="),
                Arguments.of("a ID  (\"name\"  \"mutt\")", "a ID (\"name\" \"mutt\")"));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("spacedOut")
    void runsOfSpacesSeparateArgumentsLikeOne(String spaced, String single) {
        assertThat(parse(spaced)).isEqualTo(parse(single));
    }

    static Stream<String> malformed() {
        return Stream.of("", "a", "a ", "(x NOOP", "a+ NOOP", "a NOOP ", "a NOOP extra", "a  NOOP", "a FOO",
                "a UID  FETCH 1 FLAGS", "a FETCH 1 FLAGS ", "a SEARCH SEEN ", "a STORE 1 FLAGS ( \\Seen)",
                "a STORE 1 FLAGS (\\Seen )", "a APPEND INBOX \"07-Feb-1994  21:52:25 -0800\" {3}\n",
                "a UID FOO 1", "a UID", "a LOGIN user", "a LOGIN \"unterminated", "a LOGIN \"bad\\escape\" x",
                "a SELECT", "a FETCH 1", "a FETCH 0 FLAGS", "a FETCH 1:x FLAGS", "a FETCH 1 (FLAGS",
                "a FETCH 1 BODY[1.0]", "a FETCH 1 BODY[MIME]", "a FETCH 1 BODY[HEADER.FIELDS ()]", "a FETCH 1 BODY[]<5.0>",
                "a FETCH 1 BODY.PEEK", "a FETCH 1 FLAGS[]", "a FETCH 1 (FLAGS) x", "a FETCH 4294967296 FLAGS",
                "a STORE 1 FLAGS", "a STORE 1 XFLAGS (\\Seen)", "a STORE 1 +FLAGS (\\Seen", "a SEARCH", "a SEARCH FOO",
                "a SEARCH SINCE 31-Feb-2020", "a SEARCH SINCE 1-Foo-2020", "a SEARCH (SEEN", "a SEARCH OR SEEN",
                "a SEARCH RETURN (FOO) ALL", "a LIST \"\"", "a LIST (FOO) \"\" *", "a LIST (RECURSIVEMATCH) \"\" *",
                "a LIST \"\" * RETURN (FOO)", "a STATUS INBOX ()", "a STATUS INBOX (FOO)", "a APPEND INBOX \"not a literal\"",
                "a APPEND INBOX (\\Seen) \"7-Feb-1994 21:52:25 -0800\" {3}\n", "a ENABLE", "a AUTHENTICATE",
                "a ID (\"name\")", "a UID EXPUNGE", "a COPY 1", "a LOGIN {3}x\n", "a GETQUOTA", "a GETQUOTAROOT",
                "a SETQUOTA \"\"", "a SETQUOTA \"\" (STORAGE)", "a SETQUOTA \"\" (STORAGE -1)", "a STATUS INBOX (DELETED_STORAGE)",
                "a THREAD REFERENCES UTF-8", "a THREAD FOO UTF-8 ALL", "a APPEND INBOX {3}\n ", "a APPEND INBOX {3}\n (\\Seen)",
                "a APPEND INBOX {3}\n {3}\n x", "a THREAD (REFERENCES) UTF-8 ALL", "a UID THREAD");
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("malformed")
    void malformedCommandsAreSyntaxErrors(String wire) {
        int literals = (int) wire.chars().filter(c -> c == '\n').count();
        String[] octets = new String[literals];
        java.util.Arrays.fill(octets, "abc");
        assertThatThrownBy(() -> parse(wire, octets)).isInstanceOf(CommandParseException.class);
    }

    @Test
    void badReportsTheTagWhenThereIsOne() {
        assertThatThrownBy(() -> parse("t1 FOO")).isInstanceOfSatisfying(CommandParseException.class,
                e -> assertThat(e.tag()).isEqualTo("t1"));
        assertThatThrownBy(() -> parse("(t1 NOOP")).isInstanceOfSatisfying(CommandParseException.class,
                e -> assertThat(e.tag()).isNull());
    }

    @Test
    void limitsBoundWhatOneCommandBuilds() {
        assertThatThrownBy(() -> parse("a SEARCH " + "SEEN ".repeat(21).trim())).hasMessageContaining("Too many search keys");
        assertThatThrownBy(() -> parse("a SEARCH ((((((((SEEN))))))))")).hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> parse("a SEARCH NOT NOT NOT NOT NOT NOT NOT SEEN")).hasMessageContaining("nested too deeply");
        StringBuilder set = new StringBuilder("1");
        for (int i = 2; i <= 51; i++) {
            set.append(',').append(i);
        }
        assertThatThrownBy(() -> parse("a FETCH " + set + " FLAGS")).hasMessageContaining("Too many ranges");
    }

    @Test
    void randomBytesOnlyEverGiveSyntaxErrors() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261122);
        String alphabet = "aAz09 ()[]{}<>\"\\*%$:,.+-~\u00e9\u0000\r";
        for (int run = 0; run < 20_000; run++) {
            StringBuilder line = new StringBuilder(run % 2 == 0 ? "t " : "t FETCH 1 ");
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                parse(line.toString());
            } catch (CommandParseException e) {
                // expected for most
            } catch (RuntimeException e) {
                throw new AssertionError("seed 20261122 run " + run + ": [" + line + "] raised " + e, e);
            }
        }
    }
}
