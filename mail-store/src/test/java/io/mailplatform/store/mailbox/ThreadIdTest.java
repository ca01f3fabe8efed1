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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The thread every stored message is given (migration V51) by each writer: delivery, APPEND, import,
 * COPY and MOVE. A message joins the thread of an earlier message of its account that shares a
 * Message-ID with it (its own or one it references), whichever came first; threads never merge.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class ThreadIdTest {
    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailboxDelivery delivery;
    @Autowired
    MailboxImport importer;
    @Autowired
    MessageSearch search;
    @Autowired
    ObjectIds objectIds;
    @Autowired
    DirectoryService directory;

    private static int accounts;

    @BeforeEach
    void domain() throws Exception {
        if (directory.findDomain("threads.test").isEmpty()) {
            directory.createDomain("threads.test");
        }
    }

    private Account account() throws Exception {
        return directory.createAccount("t" + (++accounts) + "@threads.test", "pw");
    }

    private static byte[] message(String messageId, String inReplyTo, String references, String subject) {
        String text = "From: a@example.org\r\nSubject: " + subject + "\r\n"
                + (messageId == null ? "" : "Message-ID: <" + messageId + ">\r\n")
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\n")
                + (references == null ? "" : "References: " + references + "\r\n")
                + "\r\nbody of " + subject + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private long append(Mailbox mailbox, byte[] raw) {
        return mailboxes.append(mailbox, raw, MessageFlags.NONE, Instant.now()).uid();
    }

    private long thread(Mailbox mailbox, long uid) {
        return mailboxes.message(mailbox, uid).orElseThrow().threadId();
    }

    private void deliver(String envelopeId, byte[] raw, Account... to) {
        List<InboundMessage.LocalCopy> copies = java.util.Arrays.stream(to).map(account -> new InboundMessage.LocalCopy(
                account.address(), account.id(), Mailbox.INBOX, null, MessageFlags.NONE, null, null)).toList();
        delivery.deliver(List.of(new InboundMessage(envelopeId, raw, Instant.now(), copies, List.of())));
    }

    @Test
    void aReplyChainAcrossMailboxesSharesOneThreadAndCopyAndMoveKeepIt() throws Exception {
        Account account = account();
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        Mailbox sent = mailboxes.create(account.id(), "Outgoing");
        Mailbox archive = mailboxes.create(account.id(), "Archive");

        deliver("ENV-T1", message("root@x", null, null, "plans"), account);
        long reply = append(sent, message("reply@x", "root@x", "<root@x>", "Re: plans"));
        deliver("ENV-T2", message("second@x", "reply@x", "<root@x> <reply@x>", "Re: plans"), account);
        deliver("ENV-T3", message("other@x", null, null, "Re: plans"), account);
        long thread = thread(inbox, 1);
        assertThat(thread(sent, reply)).isEqualTo(thread);
        assertThat(thread(inbox, 2)).isEqualTo(thread);
        // same subject, no shared Message-ID: a thread of its own
        assertThat(thread(inbox, 3)).isNotEqualTo(thread);

        mailboxes.copy(inbox, List.of(2L), archive);
        mailboxes.move(sent, List.of(reply), archive);
        assertThat(mailboxes.messages(archive)).extracting(MessageMeta::threadId).containsExactly(thread, thread);

        // SEARCH THREADID: the id as IMAP shows it, within one mailbox
        String threadId = objectIds.of(account.id()).threadId(thread);
        assertThat(threadId).matches("T[0-9a-f]{24}");
        assertThat(search.search(inbox, new SearchCriterion.ThreadId(threadId))).containsExactly(1L, 2L);
        assertThat(search.search(archive, new SearchCriterion.ThreadId(threadId))).containsExactly(1L, 2L);
        assertThat(search.search(inbox, new SearchCriterion.Not(new SearchCriterion.ThreadId(threadId))))
                .containsExactly(3L);
        assertThat(search.search(inbox, new SearchCriterion.ThreadId("T0123456789abcdef01234567"))).isEmpty();
        assertThat(search.search(inbox, new SearchCriterion.ThreadId("M" + threadId.substring(1)))).isEmpty();
    }

    @Test
    void aLateParentJoinsItsRepliesAndSiblingsMeetThroughAMissingParent() throws Exception {
        Account account = account();
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        long child = append(inbox, message("child@x", "parent@x", "<grand@x> <parent@x>", "Re: q"));
        long parent = append(inbox, message("parent@x", "grand@x", "<grand@x>", "Re: q"));
        // In-Reply-To alone links too
        long sibling = append(inbox, message("sibling@x", "grand@x", null, "Re: q"));
        assertThat(thread(inbox, parent)).isEqualTo(thread(inbox, child));
        assertThat(thread(inbox, sibling)).isEqualTo(thread(inbox, child));
        // no Message-ID and no references: alone
        long bare = append(inbox, message(null, null, null, "Re: q"));
        assertThat(thread(inbox, bare)).isNotEqualTo(thread(inbox, child));
    }

    @Test
    void threadsNeverMergeAndAMessageJoinsTheThreadOfItsNearestReference() throws Exception {
        Account account = account();
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        long a = append(inbox, message("a@x", null, null, "a"));
        long b = append(inbox, message("b@x", null, null, "b"));
        assertThat(thread(inbox, a)).isNotEqualTo(thread(inbox, b));
        long bridge = append(inbox, message("bridge@x", "b@x", "<a@x> <b@x>", "Re: b"));
        assertThat(thread(inbox, bridge)).isEqualTo(thread(inbox, b));
        assertThat(mailboxes.message(inbox, a).orElseThrow().threadId()).isNotEqualTo(thread(inbox, b));
        // its own Message-ID comes before its references: a second copy of "a" replying to b stays with a
        long again = append(inbox, message("a@x", "b@x", "<b@x>", "a"));
        assertThat(thread(inbox, again)).isEqualTo(thread(inbox, a));
    }

    @Test
    void accountsThreadApartAndImportThreadsLikeDelivery() throws Exception {
        Account alice = account();
        Account bob = account();
        Mailbox aliceInbox = mailboxes.require(alice.id(), Mailbox.INBOX);
        Mailbox bobInbox = mailboxes.require(bob.id(), Mailbox.INBOX);
        // Bob has the reply's parent; Alice does not: her copy of the reply starts her own thread
        append(bobInbox, message("start@x", null, null, "start"));
        deliver("ENV-T4", message("answer@x", "start@x", "<start@x>", "Re: start"), alice, bob);
        assertThat(thread(bobInbox, 2)).isEqualTo(thread(bobInbox, 1));
        long aliceThread = thread(aliceInbox, 1);
        assertThat(aliceThread).isNotEqualTo(thread(bobInbox, 1));
        // one delivery, one shared content, yet unrelated THREADIDs
        assertThat(objectIds.of(alice.id()).threadId(aliceThread))
                .isNotEqualTo(objectIds.of(bob.id()).threadId(thread(bobInbox, 2)));

        long[] imported = importer.importMessages(aliceInbox, List.of(
                new MailboxImport.ImportedMessage(message("start@x", null, null, "start"), MessageFlags.NONE, Instant.now()),
                new MailboxImport.ImportedMessage(message("later@x", "answer@x", "<start@x> <answer@x>", "Re: start"),
                        MessageFlags.NONE, Instant.now()),
                new MailboxImport.ImportedMessage(message("lone@x", null, null, "lone"), MessageFlags.NONE, Instant.now())));
        assertThat(thread(aliceInbox, imported[0])).isEqualTo(aliceThread);
        assertThat(thread(aliceInbox, imported[1])).isEqualTo(aliceThread);
        assertThat(thread(aliceInbox, imported[2])).isNotEqualTo(aliceThread);
    }
}
