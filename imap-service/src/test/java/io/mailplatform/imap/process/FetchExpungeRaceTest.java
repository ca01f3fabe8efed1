package io.mailplatform.imap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.imap.Fixtures;
import io.mailplatform.imap.ImapTestSupport;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.fetch.BodySection;
import io.mailplatform.imap.fetch.FetchItem;
import io.mailplatform.imap.fetch.Section;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.SelectedMailbox;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageSummaries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A message expunged by another session while FETCH reads it, after the session's view and before
 * its metadata and summary (one query) or its octets (the imaptest stress runs hit both windows): the message is
 * answered like any message gone, NO [EXPUNGEISSUED] at the end (RFC 9051 §7.1, RFC 2180 §4.1),
 * never with an internal error nor with empty octets. The expunge is made to happen exactly in
 * that window, in the real store.
 */
class FetchExpungeRaceTest extends ImapTestSupport {
    @Autowired
    MessageIndex index;
    @Autowired
    MessageContents contents;
    @Autowired
    JdbcClient jdbc;

    private void expungeMessageTwo(Mailbox mailbox) {
        mailboxes.setFlags(mailbox, List.of(2L), FlagMode.ADD, MessageFlags.of(List.of("\\Deleted")));
        mailboxes.expunge(mailbox, List.of(2L));
    }

    /** Metadata and summaries read right after another writer expunged message 2 (the view still has it). */
    private final class SummariesAfterExpunge extends MessageSummaries {
        SummariesAfterExpunge() {
            super(jdbc);
        }

        @Override
        public List<Summarized<MessageSummary>> withSummaries(Mailbox mailbox, long[] uids, Head head,
                Memory memory) {
            expungeMessageTwo(mailbox);
            return super.withSummaries(mailbox, uids, head, memory);
        }

        @Override
        public List<Summarized<ImapEnvelope>> withEnvelopes(Mailbox mailbox, long[] uids, Head head,
                Memory memory) {
            expungeMessageTwo(mailbox);
            return super.withEnvelopes(mailbox, uids, head, memory);
        }

        @Override
        public List<Summarized<Void>> withHeads(Mailbox mailbox, long[] uids, Head head, Memory memory) {
            expungeMessageTwo(mailbox);
            return super.withHeads(mailbox, uids, head, memory);
        }
    }

    /** Octets read right after another writer expunged message 2. */
    private final class ContentsAfterExpunge extends MessageContents {
        ContentsAfterExpunge() {
            super(jdbc);
        }

        @Override
        public List<byte[]> read(Mailbox mailbox, List<Slice> slices) {
            expungeMessageTwo(mailbox);
            return super.read(mailbox, slices);
        }
    }

    /**
     * Runs FETCH 1:4 with the item over a fresh mailbox of the four Fixtures messages; returns the numbers answered.
     *
     * @param headBytes the most octets of a message read with its metadata (0: octets always read on their own)
     */
    private List<Long> fetchWhileMessageTwoGoes(String name, FetchItem item, MessageSummaries summaries,
            MessageContents octets, int headBytes) throws Exception {
        Mailbox inbox = inbox(account(name));
        Fixtures.seed(mailboxes, inbox);
        SelectedMailbox view = new SelectedMailbox(index.snapshot(inbox).orElseThrow(), true, -1);
        FetchProcessor.Store store = new FetchProcessor.Store(mailboxes, index, summaries, octets, null, null, 200, 1 << 20,
                headBytes);
        MessageCommands.Fetch fetch = new MessageCommands.Fetch("f1", false, SequenceSet.of(new SequenceSet.Range(1, 4)),
                List.of(item));
        List<Long> answered = new ArrayList<>();
        Responder out = new Responder() {
            @Override
            public void untagged(ImapResponse response) {
                answered.add(((ImapResponse.Fetch) response).msn());
            }

            @Override
            public void flush() {
            }

            @Override
            public boolean congested() {
                return false;
            }
        };
        assertThatThrownBy(() -> new FetchRun(store, fetch, view, false).run(out))
                .isInstanceOfSatisfying(ImapNoException.class, e -> assertThat(e.code()).isEqualTo(ResponseCode.EXPUNGEISSUED));
        return answered;
    }

    @ParameterizedTest
    @EnumSource(value = FetchItem.Attribute.class, names = {"ENVELOPE", "BODYSTRUCTURE", "BODY"})
    void aMessageExpungedBeforeItsSummaryIsReadIsAnsweredAsGone(FetchItem.Attribute item) throws Exception {
        assertThat(fetchWhileMessageTwoGoes("fetch-race-" + item.name().toLowerCase(), item, new SummariesAfterExpunge(),
                contents, 0)).containsExactly(1L, 3L, 4L);
    }

    /** Octets read with the metadata (the message's head): the expunged message is gone from both at once. */
    @ParameterizedTest
    @EnumSource(value = Section.Text.class, names = {"NONE", "HEADER", "HEADER_FIELDS", "TEXT"})
    void aMessageExpungedBeforeItsMetadataAndHeadAreReadIsAnsweredAsGone(Section.Text text) throws Exception {
        Section section = switch (text) {
            case NONE -> Section.WHOLE;
            case HEADER_FIELDS -> new Section(List.of(), text, List.of("Subject"));
            default -> Section.of(text);
        };
        assertThat(fetchWhileMessageTwoGoes("fetch-race-head-" + text.name().toLowerCase(),
                BodySection.of(section, true, null), new SummariesAfterExpunge(), new OctetsNeverRead(), 1 << 16))
                .containsExactly(1L, 3L, 4L);
    }

    /** The octets of small messages come with their metadata: a separate read would be a second round trip. */
    private final class OctetsNeverRead extends MessageContents {
        OctetsNeverRead() {
            super(jdbc);
        }

        @Override
        public List<byte[]> read(Mailbox mailbox, List<Slice> slices) {
            throw new AssertionError("octets read separately: " + slices);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Section.Text.class, names = {"NONE", "HEADER", "TEXT"})
    void aMessageExpungedBeforeItsOctetsAreReadIsAnsweredAsGone(Section.Text text) throws Exception {
        FetchItem item = BodySection.of(text == Section.Text.NONE ? Section.WHOLE : Section.of(text), true, null);
        assertThat(fetchWhileMessageTwoGoes("fetch-race-octets-" + text.name().toLowerCase(), item,
                new MessageSummaries(jdbc), new ContentsAfterExpunge(), 0)).containsExactly(1L, 3L, 4L);
    }
}
