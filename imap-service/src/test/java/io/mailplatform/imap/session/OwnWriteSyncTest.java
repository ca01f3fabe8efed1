package io.mailplatform.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.mailbox.KnownModSeqs;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.store.mailbox.MessageMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The update after a command reads the store unless the command's own writes took the MODSEQs right
 * after the view's (then nothing else changed, and they are what it reports).
 */
class OwnWriteSyncTest {
    private static final Mailbox INBOX = new Mailbox(1, 1, "INBOX", 7, 20, 5, null, true);

    /** A store whose changes are given by the test; counts the reads. */
    private static final class Store extends MessageIndex {
        int reads;
        int claims;
        MessageIndex.Changes next = new MessageIndex.Changes(5, List.of(), new long[0]);

        Store(KnownModSeqs known) {
            super(null, null, known);
        }

        @Override
        public Optional<Changes> changesSince(Mailbox mailbox, long modSeq) {
            reads++;
            return Optional.of(next);
        }

        @Override
        public long claimRecent(Mailbox mailbox, long upToUid) {
            claims++;
            return 20;
        }
    }

    private static final class Collected implements Responder {
        final List<ImapResponse> responses = new ArrayList<>();

        @Override
        public void untagged(ImapResponse response) {
            responses.add(response);
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean congested() {
            return false;
        }
    }

    private final KnownModSeqs known = new KnownModSeqs();
    private final Store store = new Store(known);
    private final SelectedMailbox view = new SelectedMailbox(new MessageIndex.Snapshot(INBOX, new long[] {3, 4}, 0, 0,
            List.of()), false, -1);

    private static MessageMeta message(long uid, long modSeq) {
        return new MessageMeta(uid, 0, modSeq, MessageFlags.NONE, Instant.EPOCH, 10);
    }

    @Test
    void anAppendThatTookTheNextModSeqIsReportedWithoutReadingTheStore() {
        view.commandStarts();
        view.wrote(6, List.of(message(20, 6)));
        Collected out = new Collected();
        view.sync(store, out, true, true);
        assertThat(store.reads).isZero();
        assertThat(out.responses).containsExactly(new ImapResponse.Exists(3));
        assertThat(view.uidAt(3)).isEqualTo(20);

        // the next command without writes reads the store again, from the MODSEQ of the append
        view.commandStarts();
        view.sync(store, new Collected(), true, true);
        assertThat(store.reads).isEqualTo(1);
    }

    @Test
    void aWriteAfterSomeoneElsesReadsTheStoreAndKeepsTheOwnNewMessage() {
        view.commandStarts();
        view.wrote(6, List.of(message(20, 6)));
        // someone else took 7
        view.wrote(8, List.of(message(21, 8)));
        store.next = new MessageIndex.Changes(8, List.of(message(4, 7), message(21, 8)), new long[] {3});
        Collected out = new Collected();
        view.sync(store, out, true, true);
        assertThat(store.reads).isEqualTo(1);
        assertThat(out.responses).contains(new ImapResponse.Expunge(1), new ImapResponse.Exists(3));
        assertThat(view.uidAt(1)).isEqualTo(4);
        assertThat(view.uidAt(2)).isEqualTo(20);
        assertThat(view.uidAt(3)).isEqualTo(21);
    }

    @Test
    void withoutACommandTheStoreIsAlwaysRead() {
        view.wrote(6, List.of());
        view.sync(store, new Collected(), true, true);
        assertThat(store.reads).isEqualTo(1);
    }

    @Test
    void afterACommandTheStoreIsNotReadWhileTheMailboxIsKnownUnchangedButANoopReadsIt() {
        known.confirm(INBOX.id(), known.version(INBOX.id()), 5);
        view.commandStarts();
        view.sync(store, new Collected(), true, true, false);
        assertThat(store.reads).isZero();

        view.commandStarts();
        view.sync(store, new Collected(), true, true, true);
        assertThat(store.reads).isEqualTo(1);
    }

    @Test
    void afterACommandTheStoreIsReadOnceTheMailboxMovedElsewhere() {
        known.confirm(INBOX.id(), known.version(INBOX.id()), 5);
        known.written(new MailboxEvent(MailboxEvent.Type.MESSAGES_ADDED, 1, INBOX.id(), "INBOX", 7, List.of(21L), "x"));
        store.next = new MessageIndex.Changes(7, List.of(message(21, 7)), new long[0]);
        view.commandStarts();
        Collected out = new Collected();
        view.sync(store, out, true, true, false);
        assertThat(store.reads).isEqualTo(1);
        assertThat(out.responses).containsExactly(new ImapResponse.Exists(3));
    }

    @Test
    void newMessagesAnotherSessionClaimedAreNotClaimedAgain() {
        // the mark read with the changes is at the new message: someone else has it as \Recent
        store.next = new MessageIndex.Changes(6, List.of(message(20, 6)), new long[0], 20);
        Collected out = new Collected();
        view.sync(store, out, true, false);
        assertThat(store.claims).isZero();
        assertThat(out.responses).containsExactly(new ImapResponse.Exists(3), new ImapResponse.Recent(0));
    }

    @Test
    void newMessagesNobodyClaimedAreClaimed() {
        store.next = new MessageIndex.Changes(7, List.of(message(20, 6), message(21, 7)), new long[0], 4);
        Collected out = new Collected();
        view.sync(store, out, true, false);
        assertThat(store.claims).isEqualTo(1);
        // the claim answered that 20 was taken meanwhile: only 21 is this session's
        assertThat(out.responses).containsExactly(new ImapResponse.Exists(4), new ImapResponse.Recent(1));
        assertThat(view.isRecent(21)).isTrue();
        assertThat(view.isRecent(20)).isFalse();
    }
}
