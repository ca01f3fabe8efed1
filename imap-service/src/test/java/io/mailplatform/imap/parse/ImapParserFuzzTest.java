package io.mailplatform.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.codec.ContinuationRequest;
import io.mailplatform.imap.codec.FrameRejected;
import io.mailplatform.imap.codec.ImapFrameDecoder;
import io.mailplatform.imap.command.ImapCommand;
import io.mailplatform.testsupport.fuzz.Fuzz;
import io.mailplatform.testsupport.fuzz.FuzzInput;
import io.mailplatform.testsupport.fuzz.HostileInputs;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzing of the IMAP command path as the server runs it: the frame decoder (lines, synchronizing
 * and non-synchronizing literals, limits) and the command parser (nested lists, sequence sets,
 * search keys, sections, dates) on mutated pipelines of valid commands. Only
 * {@link CommandParseException} (a BAD) may escape, nothing a frame holds exceeds what was sent,
 * a parsed command is linear in its frame. Tries: {@code -Dfuzz.tries} (README "Development").
 */
class ImapParserFuzzTest {
    private static final int MAX_LINE = 8192;
    private static final long MAX_MESSAGE = 1 << 20;

    private final ImapCommandParser parser = new ImapCommandParser(ParserLimits.DEFAULT);

    private static final List<String> COMMANDS = List.of(
            "a CAPABILITY\r\n", "A1 noop\r\nx.y LOGOUT\r\n", "a ID (\"name\" \"mutt\" \"version\" NIL)\r\n",
            "a001 LOGIN SMITH SESAME\r\n", "a LOGIN \"fred \\\"x\\\"\" \"a\\\\b\"\r\n", "a LOGIN {5}\r\nalice {6+}\r\nsecret\r\n",
            "a AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\n", "a ENABLE IMAP4rev2 CONDSTORE QRESYNC\r\n",
            "A142 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541 (1:5,9 1:2,4)))\r\n",
            "a EXAMINE {9+}\r\nSent Mail\r\n", "A003 CREATE owatagusiam/\r\n", "A683 RENAME blurdybloop sarasoop\r\n",
            "A101 LIST \"\" \"\"\r\n", "A02 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (% music/rock) RETURN (CHILDREN STATUS (MESSAGES UNSEEN))\r\n",
            "a LSUB \"#news.\" \"comp.mail.*\"\r\n", "A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)\r\n",
            "A002 IDLE\r\nDONE\r\n", "A003 UID EXPUNGE 3000:3002\r\n", "A003 STORE 2:4 +FLAGS (\\Deleted)\r\n",
            "a UID STORE 1,3:* (UNCHANGEDSINCE 12345) -FLAGS.SILENT \\Seen $Work\r\n", "a STORE $ FLAGS ()\r\n",
            "a UID MOVE 42:69 foo\r\n", "A003 COPY 2:4 MEETING\r\n",
            "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n", "a003 fetch 12 full\r\n",
            "a FETCH 1 body.peek[4.2.HEADER]<0.2048>\r\n",
            "a UID FETCH 1:* (BINARY.PEEK[1]<0.100> BINARY.SIZE[2] BODY BODYSTRUCTURE ENVELOPE) (CHANGEDSINCE 7 VANISHED)\r\n",
            "a FETCH 1 BODY[HEADER.FIELDS.NOT (\"X-A\" received {3}\r\nX-B)]\r\n",
            "A282 SEARCH RETURN (MIN COUNT SAVE) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n",
            "a UID SEARCH CHARSET UTF-8 OR (SEEN 1:3) HEADER Message-ID \"<x@y>\"\r\n",
            "a SEARCH UID $ SMALLER 4096 SENTON \"7-Feb-1994\" NEW MODSEQ 5\r\n",
            "a SEARCH KEYWORD $Junk UNKEYWORD $NotJunk OLD LARGER 10 BODY x TEXT {4}\r\ny z.\r\n",
            "A003 APPEND saved-messages (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {23}\r\nSubject: x\r\n\r\nhello\r\n\r\n",
            "a APPEND INBOX ~{5+}\r\nhi\r\n\r\n", "a GETQUOTAROOT INBOX\r\n", "a CLOSE\r\na UNSELECT\r\na CHECK\r\n");

    @Provide
    Arbitrary<FuzzInput> pipelines() {
        return HostileInputs.of(COMMANDS)
                .tokens("(", ")", "((", "))", "{", "}", "{0}\r\n", "{5}\r\n", "{5+}\r\n", "{4294967296}\r\n",
                        "{2147483648+}\r\n", "~{3}\r\n", "\"", "\\", "[", "]", "<", ">", "<0.", ".", ":", ",", "*", "$",
                        "%", " ", "NIL", "NOT ", "OR ", "UID ", "BODY[", "HEADER.FIELDS (", "1:*", "4294967295",
                        "\r\n", "-Feb-1994", "CHARSET ")
                .maxLength(32 * 1024)
                .arbitrary();
    }

    /** Deep and wide structures: nested parentheses, NOT and OR chains, long sequence sets, many keys. */
    @Provide
    Arbitrary<FuzzInput> structures() {
        Arbitrary<Integer> size = Arbitraries.integers().between(0, 6000);
        return Combinators.combine(Arbitraries.of(Shape.class), size).as((shape, n) -> FuzzInput.of(shape.command(n)));
    }

    /** A command with a unit repeated n times: {@code head + opener^n + middle + closer^n + tail}. */
    enum Shape {
        PARENTHESES("a SEARCH ", "(", "ALL", ")", ""),
        NOTS("a SEARCH ", "NOT ", "SEEN", "", ""),
        ORS("a SEARCH ", "OR SEEN ", "DRAFT", "", ""),
        KEYS("a SEARCH", " ANSWERED", "", "", ""),
        RANGES("a FETCH ", "1:4294967295,", "* FLAGS", "", ""),
        FLAG_LISTS("a STORE 1 FLAGS (", "(", "\\Seen", ")", ")"),
        SECTIONS("a FETCH 1 BODY[", "1.", "HEADER]", "", ""),
        HEADER_FIELDS("a FETCH 1 BODY[HEADER.FIELDS (", "X ", ")]", "", ""),
        LIST_PATTERNS("a LIST \"\" (", "% ", "*)", "", ""),
        LITERALS("a ID (", "\"k\" {1+}\r\nv ", ")", "", "");

        private final String head;
        private final String opener;
        private final String middle;
        private final String closer;
        private final String tail;

        Shape(String head, String opener, String middle, String closer, String tail) {
            this.head = head;
            this.opener = opener;
            this.middle = middle;
            this.closer = closer;
            this.tail = tail;
        }

        String command(int n) {
            return head + opener.repeat(n) + middle + closer.repeat(n) + tail + "\r\n";
        }
    }

    @Property
    void aMutatedPipelineGivesCommandsOrBadResponses(@ForAll("pipelines") FuzzInput input,
            @ForAll @IntRange(min = 0, max = 1 << 16) int split) {
        Fuzz.bounded(() -> {
            decodeAndParse(input, split % (input.length() + 1));
            return null;
        });
    }

    @Property
    void deepAndWideStructuresAreParsedOrRefused(@ForAll("structures") FuzzInput input) {
        Fuzz.bounded(() -> {
            decodeAndParse(input, input.length());
            return null;
        });
    }

    /** Feeds the input in two reads, split at {@code split}, and parses every complete command. */
    private void decodeAndParse(FuzzInput input, int split) {
        EmbeddedChannel channel = new EmbeddedChannel(new ImapFrameDecoder(MAX_LINE, MAX_MESSAGE, Long.MAX_VALUE));
        try {
            byte[] bytes = input.bytes();
            channel.writeInbound(Unpooled.copiedBuffer(bytes, 0, split));
            channel.writeInbound(Unpooled.copiedBuffer(bytes, split, bytes.length - split));
            channel.checkException();
            long framed = 0;
            List<Object> frames = new ArrayList<>();
            for (Object frame; (frame = channel.readInbound()) != null;) {
                frames.add(frame);
            }
            for (Object frame : frames) {
                if (frame instanceof CommandFrame command) {
                    framed += size(command);
                    parse(command);
                } else if (frame instanceof ContinuationRequest continuation) {
                    commandName(continuation.firstLine());
                } else {
                    assertThat(frame).isInstanceOf(FrameRejected.class);
                }
            }
            // a frame holds octets that were sent, never more (an announced literal size allocates nothing)
            Fuzz.assertLinear("the octets in frames", framed, bytes.length, 1, 0);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private void parse(CommandFrame frame) {
        try {
            ImapCommand command = parser.parse(frame);
            // the text of the records stands for what they hold: a two-octet search key "1 " becomes
            // a sequence-set key record with its set and range records, dozens of characters, so the bound is
            // 64 characters an octet; what it catches is growth faster than the input, not verbose names
            Fuzz.assertLinear("the command", command.toString().length(), (int) size(frame), 64, 1024);
        } catch (CommandParseException bad) {
            assertCleanText(bad.getMessage());
        }
    }

    private void commandName(byte[] firstLine) {
        try {
            parser.commandName(firstLine);
        } catch (CommandParseException bad) {
            assertCleanText(bad.getMessage());
        }
    }

    /** A BAD's text goes on one response line: no line break or NUL of the client's. */
    private static void assertCleanText(String text) {
        assertThat(text).doesNotContain("\r", "\n", "\0");
    }

    private static long size(CommandFrame frame) {
        long size = 0;
        for (byte[] line : frame.lines()) {
            size += line.length;
        }
        for (byte[] literal : frame.literals()) {
            size += literal.length;
        }
        return size;
    }
}
