package io.mailplatform.webmail.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.mailbox.MessageFlags;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mbox splitter and writer on bytes: separators, mboxrd quoting, flag fields and From_ dates. */
class MboxFormatTest {

    private static List<MboxMessage> read(String mbox, long limit) throws Exception {
        MboxReader reader = new MboxReader(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)), limit);
        List<MboxMessage> messages = new ArrayList<>();
        MboxMessage message;
        while ((message = reader.next()) != null) {
            messages.add(message);
        }
        return messages;
    }

    private static String text(MboxMessage message) {
        return new String(message.raw(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsAtFromLinesAfterAnEmptyLineAndUndoesMboxrdQuoting() throws Exception {
        String mbox = """
                From alice@example.test Sat Jan  3 01:05:34 1996
                Subject: one
                Status: RO
                X-Status: AF
                X-Keywords: $Label1, project

                body line
                >From here on, quoted
                >>From twice quoted
                >not from

                From bob@example.test Thu Nov 14 09:30:00 2024
                Subject: two

                From the start of a paragraph (mboxo writers do not quote it: a body line, not a separator)
                """;
        List<MboxMessage> messages = read(mbox, 1 << 20);
        // "From the start" follows an empty line, so it does separate: mbox cannot tell; a third message
        assertThat(messages).hasSize(3);
        MboxMessage first = messages.get(0);
        assertThat(text(first)).isEqualTo("Subject: one\r\n\r\nbody line\r\nFrom here on, quoted\r\n"
                + ">From twice quoted\r\n>not from\r\n");
        assertThat(first.flags()).isEqualTo(new MessageFlags(MessageFlags.SEEN | MessageFlags.ANSWERED | MessageFlags.FLAGGED,
                Set.of("$Label1", "project")));
        assertThat(first.fromLineDate()).isEqualTo(Instant.parse("1996-01-03T01:05:34Z"));
        assertThat(messages.get(1).flags()).isEqualTo(MessageFlags.NONE);
        assertThat(text(messages.get(1))).isEqualTo("Subject: two\r\n");
        assertThat(messages.get(1).fromLineDate()).isEqualTo(Instant.parse("2024-11-14T09:30:00Z"));
    }

    @Test
    void aFromLineInsideAParagraphDoesNotSplitAndGarbageBeforeTheFirstIsSkipped() throws Exception {
        String mbox = "garbage\nFrom a@b Mon Jan  1 00:00:00 2024\nSubject: x\n\ntext\nFrom within\n";
        List<MboxMessage> messages = read(mbox, 1 << 20);
        assertThat(messages).hasSize(1);
        assertThat(text(messages.get(0))).isEqualTo("Subject: x\r\n\r\ntext\r\nFrom within\r\n");
    }

    @Test
    void messagesOverTheLimitAreSkippedButCounted() throws Exception {
        String big = "x".repeat(200) + "\n";
        String mbox = "From a Mon Jan  1 00:00:00 2024\nSubject: big\n\n" + big.repeat(10)
                + "\nFrom b Mon Jan  1 00:00:00 2024\nSubject: small\n\nok\n";
        List<MboxMessage> messages = read(mbox, 1000);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).tooLarge()).isTrue();
        assertThat(messages.get(0).size()).isGreaterThan(1000);
        assertThat(text(messages.get(1))).isEqualTo("Subject: small\r\n\r\nok\r\n");
    }

    @Test
    void fromLineDatesInTheFormsWritersUse() {
        assertThat(MboxReader.fromLineDate("From MAILER-DAEMON Fri Jul  8 12:08:34 2011"))
                .isEqualTo(Instant.parse("2011-07-08T12:08:34Z"));
        assertThat(MboxReader.fromLineDate("From x@y Fri Jul 08 12:08:34 2011 +0200"))
                .isEqualTo(Instant.parse("2011-07-08T12:08:34Z"));
        assertThat(MboxReader.fromLineDate("From x@y Fri Jul  8 12:08:34 PDT 2011"))
                .isEqualTo(Instant.parse("2011-07-08T12:08:34Z"));
        assertThat(MboxReader.fromLineDate("From x@y")).isNull();
        assertThat(MboxReader.fromLineDate("From x@y not a date at all")).isNull();
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBackUnchanged() throws Exception {
        byte[][] raws = {
                "Subject: a\r\nStatus: O\r\n\r\nFrom the start\r\n>From quoted\r\n\r\nFrom after empty\r\n".getBytes(StandardCharsets.UTF_8),
                "Subject: b\r\nFrom: x@y\r\n\r\nGrüße\r\n\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                "Subject: c\r\n\r\n".getBytes(StandardCharsets.UTF_8)};
        MessageFlags[] flags = {new MessageFlags(MessageFlags.SEEN | MessageFlags.DRAFT, Set.of("work")), MessageFlags.NONE,
                new MessageFlags(MessageFlags.DELETED | MessageFlags.FLAGGED | MessageFlags.ANSWERED, Set.of())};
        Instant[] dates = {Instant.parse("2001-02-03T04:05:06Z"), Instant.parse("2024-12-31T23:59:59Z"),
                Instant.parse("1999-01-01T00:00:00Z")};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MboxWriter writer = new MboxWriter(out);
        for (int i = 0; i < raws.length; i++) {
            writer.write(raws[i], flags[i], dates[i]);
        }
        String mbox = out.toString(StandardCharsets.UTF_8);
        assertThat(mbox).startsWith("From MAILER-DAEMON Sat Feb  3 04:05:06 2001\nSubject: a\nStatus: RO\nX-Status: T\n")
                .contains("\n>From the start\n>>From quoted\n\n>From after empty\n\nFrom MAILER-DAEMON")
                .doesNotContain("\r");
        List<MboxMessage> back = read(mbox, 1 << 20);
        assertThat(back).hasSize(3);
        assertThat(back.get(0).raw()).isEqualTo("Subject: a\r\n\r\nFrom the start\r\n>From quoted\r\n\r\nFrom after empty\r\n"
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i < raws.length; i++) {
            assertThat(back.get(i).raw()).as("message " + i).isEqualTo(raws[i]);
        }
        for (int i = 0; i < raws.length; i++) {
            assertThat(back.get(i).flags()).isEqualTo(flags[i]);
            assertThat(back.get(i).fromLineDate()).isEqualTo(dates[i]);
        }
    }
}
