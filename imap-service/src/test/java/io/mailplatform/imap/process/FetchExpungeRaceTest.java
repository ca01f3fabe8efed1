package io.mailplatform.imap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.imap.Fixtures;
import io.mailplatform.imap.ImapTestSupport;
import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.imap.fetch.FetchItem;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A message expunged by another session after FETCH read the metadata of its batch but before it
 * read the summaries (the imaptest stress run hit this window): the message is answered like any
 * message gone, NO [EXPUNGEISSUED] at the end (RFC 9051 §7.1, RFC 2180 §4.1), never with an
 * internal error. The expunge is made to happen exactly in that window, in the real store.
 */
class FetchExpungeRaceTest extends ImapTestSupport {
    @Autowired
    MessageIndex index;
    @Autowired
    MessageContents contents;
    @Autowired
    JdbcClient jdbc;

    /** Summaries read right after another writer expunged message 2. */
    private final class ExpungingFirst extends MessageSummaries {
        ExpungingFirst() {
            super(jdbc);
        }

        private void expungeMessageTwo(Mailbox mailbox) {
            mailboxes.setFlags(mailbox, List.of(2L), FlagMode.ADD, MessageFlags.of(List.of("\\Deleted")));
            mailboxes.expunge(mailbox, List.of(2L));
        }

        @Override
        public Map<Long, MessageSummary> summaries(Mailbox mailbox, Collection<Long> uids) {
            expungeMessageTwo(mailbox);
            return super.summaries(mailbox, uids);
        }

        @Override
        public Map<Long, ImapEnvelope> envelopes(Mailbox mailbox, Collection<Long> uids) {
            expungeMessageTwo(mailbox);
            return super.envelopes(mailbox, uids);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FetchItem.Attribute.class, names = {"ENVELOPE", "BODYSTRUCTURE", "BODY"})
    void aMessageExpungedBetweenTheQueriesIsAnsweredAsGone(FetchItem.Attribute item) throws Exception {
        Mailbox inbox = inbox(account("fetch-race-" + item.name().toLowerCase()));
        Fixtures.seed(mailboxes, inbox);
        SelectedMailbox view = new SelectedMailbox(index.snapshot(inbox).orElseThrow(), true, -1);
        FetchProcessor.Store store = new FetchProcessor.Store(mailboxes, index, new ExpungingFirst(), contents, 200,
                1 << 20);
        MessageCommands.Fetch fetch = new MessageCommands.Fetch("f1", false, SequenceSet.of(new SequenceSet.Range(1, 4)),
                List.of(item));
        List<ImapResponse> answered = new ArrayList<>();
        Responder out = new Responder() {
            @Override
            public void untagged(ImapResponse response) {
                answered.add(response);
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
        assertThat(answered).map(response -> ((ImapResponse.Fetch) response).msn()).containsExactly(1L, 3L, 4L);
    }
}
