package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailboxDeliveryTest {
    @Autowired
    MailboxDelivery delivery;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    DirectoryService directory;
    @Autowired
    DirectoryAdmin admin;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    StoreTestApplication.RecordingPublisher events;

    final List<Account> accounts = new ArrayList<>();

    @BeforeAll
    void accounts() throws Exception {
        long domain = directory.createDomain("batch.test").id();
        for (int i = 0; i < 100; i++) {
            // inserted directly: a hundred adaptive password hashes would dominate the test's time
            String address = "user" + i + "@batch.test";
            long id = jdbc.sql("INSERT INTO accounts (domain_id, address, password_hash) VALUES (?, ?, '{noop}x') RETURNING id")
                    .params(domain, address).query(Long.class).single();
            jdbc.sql("INSERT INTO mailboxes (account_id, name) VALUES (?, 'INBOX')").param(id).update();
            accounts.add(new Account(id, address, null, true));
        }
    }

    private static byte[] message(String subject, int bodySize) {
        return ("Subject: " + subject + "\r\n\r\n" + "x".repeat(bodySize) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static InboundMessage.LocalCopy copy(Account account, String mailbox, Long quota) {
        return new InboundMessage.LocalCopy(account.address(), account.id(), mailbox,
                ("Delivered-To: " + account.address() + "\r\n").getBytes(StandardCharsets.UTF_8), MessageFlags.NONE, quota,
                new byte[] {1});
    }

    private long contents() {
        return jdbc.sql("SELECT count(*) FROM message_contents").query(Long.class).single();
    }

    @Test
    void oneEnvelopeWithAHundredRecipientsStoresTheContentOnceAndIsIdempotent() {
        long before = contents();
        byte[] raw = message("hundred", 10_000);
        List<InboundMessage.LocalCopy> copies = accounts.stream().map(a -> copy(a, Mailbox.INBOX, null)).toList();
        InboundMessage message = new InboundMessage("HUNDRED", raw, Instant.now(), copies, List.of());
        events.events.clear();

        BatchDeliveryResult first = delivery.deliver(List.of(message));
        BatchDeliveryResult again = delivery.deliver(List.of(message));

        assertThat(first.stored()).hasSize(100);
        assertThat(again.stored()).isEmpty();
        assertThat(again.duplicates()).isEqualTo(100);
        assertThat(contents()).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM messages m JOIN message_contents c ON c.id = m.content_id"
                + " WHERE c.raw = ?").param(raw).query(Long.class).single()).isEqualTo(100);
        Account last = accounts.get(99);
        Mailbox inbox = mailboxes.require(last.id(), Mailbox.INBOX);
        long uid = first.stored().stream().filter(s -> s.recipient().equals(last.address())).findFirst().orElseThrow().uid();
        assertThat(new String(mailboxes.content(inbox, uid).orElseThrow(), StandardCharsets.UTF_8))
                .startsWith("Delivered-To: " + last.address() + "\r\nSubject: hundred\r\n");
        assertThat(events.events).filteredOn(e -> e.type() == MailboxEvent.Type.MESSAGES_ADDED).hasSize(100);
        // parsed once, at delivery: the summary columns are stored with the content
        assertThat(jdbc.sql("SELECT subject FROM message_contents WHERE raw = ? AND summary IS NOT NULL").param(raw)
                .query(String.class).list()).containsExactly("hundred");
    }

    @Test
    void aRecipientAddedOnRedeliveryGetsItsCopyAndTheOthersNoSecondOne() {
        Account alice = accounts.get(10);
        Account bob = accounts.get(11);
        Mailbox junk = mailboxes.create(alice.id(), "Junk");
        byte[] raw = message("redelivered", 10);
        InboundMessage.LocalCopy toAlice = copy(alice, Mailbox.INBOX, null);
        BatchDeliveryResult first = delivery.deliver(List.of(new InboundMessage("REDELIVERED", raw, Instant.now(),
                List.of(toAlice, copy(bob, Mailbox.INBOX, null)), List.of())));
        // the same record again, its recipients now expanded to one more: an alias of alice filing into Junk
        InboundMessage.LocalCopy aliasToJunk = new InboundMessage.LocalCopy("alias@batch.test", alice.id(), "Junk", null,
                MessageFlags.NONE, null, new byte[] {1});
        BatchDeliveryResult again = delivery.deliver(List.of(new InboundMessage("REDELIVERED", raw, Instant.now(),
                List.of(toAlice, aliasToJunk), List.of())));

        assertThat(first.stored()).extracting(BatchDeliveryResult.StoredCopy::recipient)
                .containsExactly(alice.address(), bob.address());
        assertThat(again.stored()).extracting(BatchDeliveryResult.StoredCopy::recipient).containsExactly("alias@batch.test");
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(mailboxes.messages(junk)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM messages m JOIN message_contents c ON c.id = m.content_id WHERE c.raw = ?")
                .param(raw).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aBatchOfManyMessagesStoresEachContentWithItsOwnSummary() {
        Account account = accounts.get(5);
        List<InboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(new InboundMessage("MANY" + i, message("many " + i, i), Instant.now(),
                    List.of(copy(account, Mailbox.INBOX, null)), List.of()));
        }
        BatchDeliveryResult result = delivery.deliver(batch);
        assertThat(result.stored()).hasSize(250);
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        for (BatchDeliveryResult.StoredCopy stored : result.stored()) {
            int i = Integer.parseInt(stored.envelopeId().substring(4));
            byte[] content = mailboxes.content(inbox, stored.uid()).orElseThrow();
            assertThat(new String(content, StandardCharsets.UTF_8)).endsWith("Subject: many " + i + "\r\n\r\n"
                    + "x".repeat(i) + "\r\n");
            long contentId = mailboxes.message(inbox, stored.uid()).orElseThrow().contentId();
            assertThat(jdbc.sql("SELECT subject FROM message_contents WHERE id = ?").param(contentId).query(String.class)
                    .single()).isEqualTo("many " + i);
        }
    }

    @Test
    void severalMessagesToOneMailboxGetConsecutiveUidsInOneBatch() {
        Account account = accounts.get(1);
        Mailbox box = mailboxes.create(account.id(), "Batch");
        long next = mailboxes.refresh(box).uidNext();
        List<InboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new InboundMessage("SEQ" + i, message("m" + i, 10), Instant.now(),
                    List.of(copy(account, "Batch", null)), List.of()));
        }
        BatchDeliveryResult result = delivery.deliver(batch);
        assertThat(result.stored()).extracting(BatchDeliveryResult.StoredCopy::uid)
                .containsExactly(next, next + 1, next + 2, next + 3, next + 4);
        assertThat(mailboxes.messages(box)).hasSize(5);
        assertThat(mailboxes.refresh(box).uidNext()).isEqualTo(next + 5);
    }

    @Test
    void unknownMailboxNameFallsBackToInbox() {
        Account account = accounts.get(2);
        BatchDeliveryResult result = delivery.deliver(List.of(new InboundMessage("NOBOX", message("n", 1), Instant.now(),
                List.of(copy(account, "Does/Not/Exist", null)), List.of())));
        assertThat(result.stored().get(0).mailboxId()).isEqualTo(mailboxes.require(account.id(), Mailbox.INBOX).id());
    }

    @Test
    void overQuotaCopiesAreDeferredAndStoredOnRetryOnceThereIsRoom() throws Exception {
        Account account = directory.createAccount("small@batch.test", "pw");
        admin.setQuota(account.address(), 3_000L);
        long quota = 3_000L;
        BatchDeliveryResult result = delivery.deliver(List.of(
                new InboundMessage("Q1", message("fits", 2_000), Instant.now(), List.of(copy(account, "INBOX", quota)), List.of()),
                new InboundMessage("Q2", message("too big", 2_000), Instant.now(), List.of(copy(account, "INBOX", quota)),
                        List.of())));
        assertThat(result.stored()).extracting(BatchDeliveryResult.StoredCopy::envelopeId).containsExactly("Q1");
        assertThat(result.deferred()).extracting(BatchDeliveryResult.DeferredCopy::envelopeId).containsExactly("Q2");
        // redelivery of Q2 neither stores nor defers it a second time
        delivery.deliver(List.of(new InboundMessage("Q2", message("too big", 2_000), Instant.now(),
                List.of(copy(account, "INBOX", quota)), List.of())));
        assertThat(jdbc.sql("SELECT count(*) FROM deferred_deliveries WHERE envelope_id = 'Q2'").query(Long.class).single())
                .isEqualTo(1);

        jdbc.sql("UPDATE deferred_deliveries SET next_attempt = now() - interval '1 second'").update();
        List<DeferredDelivery> still = transactions.execute(s -> delivery.retry(delivery.lockDue(10)));
        assertThat(still).hasSize(1);
        assertThat(still.get(0).quotaBytes()).isEqualTo(quota);

        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        mailboxes.delete(inbox, List.of(1L));
        List<DeferredDelivery> afterRoom = transactions.execute(s -> delivery.retry(delivery.lockDue(10)));
        assertThat(afterRoom).isEmpty();
        assertThat(mailboxes.messages(inbox)).hasSize(1);
        assertThat(new String(mailboxes.content(inbox, mailboxes.messages(inbox).get(0).uid()).orElseThrow(),
                StandardCharsets.UTF_8)).contains("Subject: too big");
        assertThat(jdbc.sql("SELECT count(*) FROM deferred_deliveries").query(Long.class).single()).isZero();
        assertThat(admin.quota(account.address()).orElseThrow().usedBytes())
                .isEqualTo(mailboxes.messages(inbox).get(0).size());
    }

    @Test
    void copiesOverTheMessageQuotaAreDeferredLikeOverTheStorageQuota() throws Exception {
        Account account = directory.createAccount("counted@batch.test", "pw");
        admin.setMessageQuota(account.address(), 2L);
        // no storage quota travels with the copies: the message quota is found by the delivery itself
        BatchDeliveryResult result = delivery.deliver(List.of(
                new InboundMessage("M1", message("one", 10), Instant.now(), List.of(copy(account, "INBOX", null)), List.of()),
                new InboundMessage("M2", message("two", 10), Instant.now(), List.of(copy(account, "INBOX", null)), List.of()),
                new InboundMessage("M3", message("three", 10), Instant.now(), List.of(copy(account, "INBOX", null)),
                        List.of())));
        assertThat(result.stored()).extracting(BatchDeliveryResult.StoredCopy::envelopeId).containsExactly("M1", "M2");
        assertThat(result.deferred()).extracting(BatchDeliveryResult.DeferredCopy::envelopeId).containsExactly("M3");

        jdbc.sql("UPDATE deferred_deliveries SET next_attempt = now() - interval '1 second'").update();
        List<DeferredDelivery> still = transactions.execute(s -> delivery.retry(delivery.lockDue(10)));
        assertThat(still).hasSize(1);
        admin.setMessageQuota(account.address(), 3L);
        jdbc.sql("UPDATE deferred_deliveries SET next_attempt = now() - interval '1 second'").update();
        List<DeferredDelivery> afterRoom = transactions.execute(s -> delivery.retry(delivery.lockDue(10)));
        assertThat(afterRoom).isEmpty();
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        assertThat(mailboxes.messages(inbox)).hasSize(3);
        assertThat(admin.quota(account.address()).orElseThrow().usedMessages()).isEqualTo(3);
        admin.setMessageQuota(account.address(), null);
    }

    @Test
    void aDeferredCopyKeepsItsFlagsAndKeywordsUntilItIsStored() throws Exception {
        Account account = directory.createAccount("junk@batch.test", "pw");
        long quota = 1_000L;
        admin.setQuota(account.address(), quota);
        InboundMessage.LocalCopy softfail = new InboundMessage.LocalCopy(account.address(), account.id(), "INBOX", null,
                new MessageFlags(MessageFlags.FLAGGED, Set.of("$Junk", "$SpfSoftfail")), quota, new byte[] {1});
        BatchDeliveryResult result = delivery.deliver(List.of(new InboundMessage("KW", message("over", 2_000), Instant.now(),
                List.of(softfail), List.of())));
        assertThat(result.deferred()).hasSize(1);

        admin.setQuota(account.address(), 100_000L);
        jdbc.sql("UPDATE deferred_deliveries SET next_attempt = now() - interval '1 second'").update();
        List<DeferredDelivery> still = transactions.execute(s -> delivery.retry(delivery.lockDue(10)));
        assertThat(still).isEmpty();
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        MessageMeta meta = mailboxes.message(inbox, mailboxes.messages(inbox).get(0).uid()).orElseThrow();
        assertThat(meta.flags().has(MessageFlags.FLAGGED)).isTrue();
        assertThat(meta.flags().keywords()).containsExactlyInAnyOrder("$Junk", "$SpfSoftfail");
    }

    @Test
    void remoteCopiesAreQueuedOnceWithAContentReference() {
        byte[] raw = message("outbound", 100);
        InboundMessage message = new InboundMessage("OUT1", raw, Instant.now(), List.of(),
                List.of(new InboundMessage.RemoteCopy("carol@example.org", "example.org", "user0@batch.test", new byte[] {9})));
        delivery.deliver(List.of(message));
        delivery.deliver(List.of(message));
        List<byte[]> queued = jdbc.sql("""
                SELECT c.raw FROM outbound_queue q JOIN message_contents c ON c.id = q.content_id
                WHERE q.envelope_id = 'OUT1' AND q.recipient = 'carol@example.org' AND q.domain = 'example.org'
                  AND q.reverse_path = 'user0@batch.test' AND q.attempts = 0""").query((rs, n) -> rs.getBytes(1)).list();
        assertThat(queued).containsExactly(raw);
    }

    @Test
    void eventsArePublishedOnlyAfterTheOuterTransactionCommits() {
        Account account = accounts.get(3);
        events.events.clear();
        List<MailboxEvent> seenInside = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            delivery.deliver(List.of(new InboundMessage("TX1", message("tx", 1), Instant.now(),
                    List.of(copy(account, "INBOX", null)), List.of())));
            seenInside.addAll(events.events);
        });
        assertThat(seenInside).isEmpty();
        assertThat(events.events).hasSize(1);
        assertThat(events.events.get(0).accountId()).isEqualTo(account.id());

        events.events.clear();
        transactions.executeWithoutResult(status -> {
            delivery.deliver(List.of(new InboundMessage("TX2", message("tx", 1), Instant.now(),
                    List.of(copy(account, "INBOX", null)), List.of())));
            status.setRollbackOnly();
        });
        assertThat(events.events).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id = 'TX2'").query(Long.class).single()).isZero();
    }

    @Test
    void flagsAndKeywordsOfACopyAreStored() {
        Account account = accounts.get(4);
        InboundMessage.LocalCopy flagged = new InboundMessage.LocalCopy(account.address(), account.id(), "INBOX", null,
                new MessageFlags(MessageFlags.FLAGGED, Set.of("$Junk", "$SpfSoftfail")), null, null);
        BatchDeliveryResult result = delivery.deliver(List.of(new InboundMessage("FLAGS", message("f", 1), Instant.now(),
                List.of(flagged), List.of())));
        MessageMeta meta = mailboxes.message(mailboxes.require(account.id(), "INBOX"), result.stored().get(0).uid())
                .orElseThrow();
        assertThat(meta.flags().has(MessageFlags.FLAGGED)).isTrue();
        assertThat(meta.flags().keywords()).containsExactlyInAnyOrder("$Junk", "$SpfSoftfail");
        assertThat(meta.prefixLength()).isZero();
    }
}
