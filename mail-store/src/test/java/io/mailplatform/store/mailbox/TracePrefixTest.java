package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Per-recipient trace prefixes: stored per entry, seen by every read as prefix + shared content. */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracePrefixTest {
    private static final byte[] RAW = bytes("Received: by mx\r\nSubject: shared\r\n\r\nBody line\r\n");

    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailboxDelivery delivery;
    @Autowired
    DirectoryService directory;

    Account alice;
    Account bob;
    Mailbox aliceInbox;
    Mailbox bobInbox;

    @BeforeAll
    void deliver() throws Exception {
        directory.createDomain("prefix.test");
        alice = directory.createAccount("alice@prefix.test", "pw");
        bob = directory.createAccount("bob@prefix.test", "pw");
        delivery.deliver(List.of(new InboundMessage("ENV1", RAW, Instant.now(), List.of(
                copy("alice@prefix.test", alice.id()), copy("bob@prefix.test", bob.id())), List.of())));
        aliceInbox = mailboxes.require(alice.id(), Mailbox.INBOX);
        bobInbox = mailboxes.require(bob.id(), Mailbox.INBOX);
    }

    private static InboundMessage.LocalCopy copy(String to, long accountId) {
        return new InboundMessage.LocalCopy(to, accountId, Mailbox.INBOX, prefix(to), MessageFlags.NONE, null, null);
    }

    private static byte[] prefix(String to) {
        return bytes("Return-Path: <s@example.org>\r\nDelivered-To: " + to + "\r\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void contentIsStoredOnceAndEachRecipientSeesItsOwnPrefix() {
        MessageMeta a = mailboxes.message(aliceInbox, 1).orElseThrow();
        MessageMeta b = mailboxes.message(bobInbox, 1).orElseThrow();
        assertThat(a.contentId()).isEqualTo(b.contentId());
        byte[] expected = concat(prefix("alice@prefix.test"), RAW);
        assertThat(mailboxes.content(aliceInbox, 1)).contains(expected);
        assertThat(mailboxes.content(bobInbox, 1)).contains(concat(prefix("bob@prefix.test"), RAW));
        assertThat(a.size()).isEqualTo(expected.length);
        assertThat(a.prefixLength()).isEqualTo(prefix("alice@prefix.test").length);
    }

    @Test
    void headerIncludesThePrefix() {
        byte[] header = mailboxes.header(aliceInbox, 1).orElseThrow();
        assertThat(new String(header, StandardCharsets.UTF_8))
                .isEqualTo("Return-Path: <s@example.org>\r\nDelivered-To: alice@prefix.test\r\n"
                        + "Received: by mx\r\nSubject: shared\r\n\r\n");
    }

    @Test
    void everyRangeEqualsTheSameSliceOfTheWholeMessage() {
        byte[] whole = concat(prefix("alice@prefix.test"), RAW);
        for (int offset = 0; offset <= whole.length + 2; offset++) {
            for (int length : new int[] {0, 1, 3, 40, Math.max(0, whole.length - offset), whole.length + 2 - offset}) {
                byte[] expected = Arrays.copyOfRange(whole, Math.min(offset, whole.length),
                        Math.min(offset + length, whole.length));
                assertThat(mailboxes.contentRange(aliceInbox, 1, offset, length))
                        .as("offset %d length %d", offset, length).contains(expected);
            }
        }
    }

    @Test
    void copyAndMoveKeepThePrefix() {
        Mailbox copies = mailboxes.create(alice.id(), "Copies");
        Mailbox moved = mailboxes.create(alice.id(), "Moved");
        CopyResult copy = mailboxes.copy(aliceInbox, List.of(1L), copies);
        CopyResult move = mailboxes.move(copies, copy.targetUids(), moved);
        byte[] expected = concat(prefix("alice@prefix.test"), RAW);
        long uid = move.targetUids().get(0);
        assertThat(mailboxes.content(moved, uid)).contains(expected);
        assertThat(mailboxes.message(moved, uid).orElseThrow().prefixLength())
                .isEqualTo(prefix("alice@prefix.test").length);
        assertThat(mailboxes.message(moved, uid).orElseThrow().size()).isEqualTo(expected.length);
    }

    @Test
    void appendedMessagesHaveNoPrefix() {
        Mailbox box = mailboxes.create(bob.id(), "Appended");
        AppendResult appended = mailboxes.append(box, RAW, MessageFlags.NONE, Instant.now());
        MessageMeta meta = mailboxes.message(box, appended.uid()).orElseThrow();
        assertThat(meta.prefixLength()).isZero();
        assertThat(meta.size()).isEqualTo(RAW.length);
        assertThat(mailboxes.content(box, appended.uid())).contains(RAW);
        assertThat(mailboxes.contentRange(box, appended.uid(), 2, 6)).contains(Arrays.copyOfRange(RAW, 2, 8));
    }
}
