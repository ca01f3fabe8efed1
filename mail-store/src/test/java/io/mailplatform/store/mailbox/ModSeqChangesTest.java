package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.search.MessageSearch;
import io.mailplatform.store.search.SearchCriterion;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What RFC 7162 needs from the store: a flag change conditional on the MODSEQ (UNCHANGEDSINCE), the
 * UIDs changed and expunged after a MODSEQ however old (the expunge log), the highest MODSEQ of some
 * UIDs, and the MODSEQ search criterion.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModSeqChangesTest {
    private static final MessageFlags DELETED = MessageFlags.of(List.of("\\Deleted"));
    private static final MessageFlags FLAGGED = MessageFlags.of(List.of("\\Flagged"));

    @Autowired
    MailboxService mailboxes;
    @Autowired
    DirectoryService directory;
    @Autowired
    MessageIndex index;
    @Autowired
    MessageSearch search;

    private Mailbox fiveMessages(String localPart) throws Exception {
        if (directory.findDomain("modseq.test").isEmpty()) {
            directory.createDomain("modseq.test");
        }
        Account account = directory.createAccount(localPart + "@modseq.test", "pw");
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        for (int i = 1; i <= 5; i++) {
            mailboxes.append(inbox, ("Subject: " + i + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII),
                    MessageFlags.NONE, Instant.parse("2026-01-01T00:00:00Z"));
        }
        return mailboxes.refresh(inbox);
    }

    private long modSeqOf(Mailbox mailbox, long uid) {
        return index.metas(mailbox, new long[] {uid}).get(0).modSeq();
    }

    @Test
    void unchangedSinceChangesOnlyMessagesNotChangedAfterIt() throws Exception {
        Mailbox inbox = fiveMessages("conditional");
        long before = inbox.highestModSeq();
        mailboxes.changeFlags(inbox, List.of(2L), FlagMode.ADD, FLAGGED);

        MailboxService.FlagChange change = mailboxes.changeFlags(inbox, List.of(1L, 2L, 3L), FlagMode.ADD, DELETED, before);
        assertThat(change.changed()).extracting(MessageMeta::uid).containsExactly(1L, 3L);
        assertThat(index.metas(inbox, new long[] {2}).get(0).flags().names()).containsExactly("\\Flagged");
        // 0 fails for every message: each has a MODSEQ of at least 1
        assertThat(mailboxes.changeFlags(inbox, List.of(4L, 5L), FlagMode.ADD, DELETED, 0).changed()).isEmpty();
        // without a condition everything changes, as before
        assertThat(mailboxes.changeFlags(inbox, List.of(4L, 5L), FlagMode.ADD, DELETED).changed()).hasSize(2);
    }

    @Test
    void aStoreThatChangesNothingTakesNoModSeq() throws Exception {
        Mailbox inbox = fiveMessages("no-op");
        MailboxService.FlagChange first = mailboxes.changeFlags(inbox, List.of(1L, 2L), FlagMode.ADD, FLAGGED);
        long highest = mailboxes.refresh(inbox).highestModSeq();
        assertThat(first.modSeq()).isEqualTo(highest);

        // RFC 7162 §3.1: only a change of a message's metadata gives it (and the mailbox) a new MODSEQ
        MailboxService.FlagChange again = mailboxes.changeFlags(inbox, List.of(1L, 2L), FlagMode.ADD, FLAGGED);
        assertThat(again.changed()).isEmpty();
        assertThat(again.modSeq()).isZero();
        assertThat(mailboxes.refresh(inbox).highestModSeq()).isEqualTo(highest);
        assertThat(modSeqOf(inbox, 1)).isEqualTo(highest);
        assertThat(mailboxes.changeFlags(inbox, List.of(3L), FlagMode.REMOVE, FLAGGED).modSeq()).isZero();

        // one message of the set still to change: the write takes the next MODSEQ, for that message only
        MailboxService.FlagChange partly = mailboxes.changeFlags(inbox, List.of(2L, 3L), FlagMode.ADD, FLAGGED);
        assertThat(partly.modSeq()).isEqualTo(highest + 1);
        assertThat(partly.changed()).extracting(MessageMeta::uid).containsExactly(3L);
        assertThat(modSeqOf(inbox, 2)).isEqualTo(highest);
        assertThat(mailboxes.refresh(inbox).highestModSeq()).isEqualTo(highest + 1);
    }

    @Test
    void changedUidsAndTheExpungeLogGoBackToTheMailboxsStart() throws Exception {
        Mailbox inbox = fiveMessages("changed");
        long start = inbox.highestModSeq();
        mailboxes.changeFlags(inbox, List.of(2L, 4L), FlagMode.ADD, DELETED);
        long flagged = mailboxes.refresh(inbox).highestModSeq();
        mailboxes.expunge(inbox, null);
        mailboxes.changeFlags(inbox, List.of(5L), FlagMode.ADD, FLAGGED);

        MessageIndex.ChangedUids sinceStart = index.changedUids(inbox, start);
        assertThat(sinceStart.changed()).containsExactly(5);
        assertThat(sinceStart.expunged()).containsExactly(2, 4);
        MessageIndex.ChangedUids sinceFirst = index.changedUids(inbox, 1);
        assertThat(sinceFirst.changed()).containsExactly(1, 3, 5);
        assertThat(sinceFirst.expunged()).containsExactly(2, 4);
        assertThat(index.changedUids(inbox, flagged).expunged()).containsExactly(2, 4);
        MessageIndex.ChangedUids none = index.changedUids(inbox, mailboxes.refresh(inbox).highestModSeq());
        assertThat(none.changed()).isEmpty();
        assertThat(none.expunged()).isEmpty();

        assertThat(index.highestModSeq(inbox, new long[] {1, 3})).isEqualTo(Math.max(modSeqOf(inbox, 1), modSeqOf(inbox, 3)));
        assertThat(index.highestModSeq(inbox, new long[] {2})).isZero();
        assertThat(search.search(inbox, new SearchCriterion.ModSeq(modSeqOf(inbox, 5)))).containsExactly(5);
        assertThat(search.search(inbox, new SearchCriterion.ModSeq(1))).containsExactly(1, 3, 5);
    }
}
