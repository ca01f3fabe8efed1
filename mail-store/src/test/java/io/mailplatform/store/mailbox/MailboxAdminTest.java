package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailboxAdminTest {
    @Autowired
    MailboxAdmin admin;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    MessageIndex index;
    @Autowired
    MailboxStatistics statistics;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StoreTestApplication.RecordingPublisher events;

    Account alice;
    Account bob;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("admin.test");
        alice = directory.createAccount("alice@admin.test", "secret-a");
        bob = directory.createAccount("bob@admin.test", "secret-b");
    }

    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void createMakesMissingSuperiorsUnsubscribedAndRefusesDuplicates() {
        Mailbox leaf = admin.create(alice.id(), "Projects/2026/Q4");
        assertThat(leaf.name()).isEqualTo("Projects/2026/Q4");
        assertThat(mailboxes.find(alice.id(), "Projects")).isPresent();
        assertThat(mailboxes.find(alice.id(), "Projects/2026")).isPresent();
        assertThat(admin.subscriptions(alice.id())).doesNotContain("Projects", "Projects/2026/Q4");
        assertThatThrownBy(() -> admin.create(alice.id(), "Projects/2026")).isInstanceOf(MailboxExistsException.class);
        assertThatThrownBy(() -> admin.create(alice.id(), "inbox")).isInstanceOf(MailboxExistsException.class);
        assertThat(events.events).anyMatch(e -> e.type() == MailboxEvent.Type.MAILBOX_CREATED
                && e.mailboxName().equals("Projects/2026"));
        assertThat(admin.hasInferiors(alice.id(), "Projects")).isTrue();
        assertThat(admin.hasInferiors(alice.id(), "Projects/2026/Q4")).isFalse();
    }

    @Test
    void defaultMailboxesAreSubscribedAndSubscriptionsOutliveMailboxes() throws Exception {
        Account fresh = directory.createAccount("subs@admin.test", "pw");
        assertThat(admin.subscriptions(fresh.id())).containsExactly("Drafts", "INBOX", "Junk", "Sent", "Trash");
        Mailbox keep = admin.create(fresh.id(), "Keep");
        admin.subscribe(fresh.id(), "Keep");
        admin.subscribe(fresh.id(), "Keep");
        admin.subscribe(fresh.id(), "Not/There");
        assertThat(mailboxes.require(fresh.id(), "Keep").subscribed()).isTrue();
        admin.delete(keep);
        assertThat(admin.subscriptions(fresh.id())).contains("Keep", "Not/There");
        admin.unsubscribe(fresh.id(), "Keep");
        admin.unsubscribe(fresh.id(), "Never");
        assertThat(admin.subscriptions(fresh.id())).doesNotContain("Keep");
    }

    @Test
    void deleteRemovesMessagesAndTheirContentButKeepsInferiors() {
        Mailbox parent = admin.create(alice.id(), "Old");
        Mailbox child = admin.create(alice.id(), "Old/Child");
        mailboxes.append(parent, message("gone"), MessageFlags.NONE, Instant.now());
        long contentsBefore = jdbc.sql("SELECT count(*) FROM message_contents").query(Long.class).single();
        admin.delete(parent);
        assertThat(mailboxes.find(alice.id(), "Old")).isEmpty();
        assertThat(mailboxes.find(alice.id(), "Old/Child")).contains(child);
        assertThat(jdbc.sql("SELECT count(*) FROM message_contents").query(Long.class).single()).isEqualTo(contentsBefore - 1);
        assertThatThrownBy(() -> admin.delete(parent)).isInstanceOf(MailboxNotFoundException.class);
    }

    @Test
    void renameMovesInferiorsKeepsUidValidityAndCreatesSuperiors() {
        Mailbox foo = admin.create(alice.id(), "foo");
        admin.create(alice.id(), "foo/bar");
        admin.create(alice.id(), "foo_x");
        mailboxes.append(foo, message("kept"), MessageFlags.NONE, Instant.now());
        var renamed = admin.rename(foo, "zap/zowie");
        assertThat(renamed).extracting(Mailbox::name).containsExactly("zap/zowie", "zap/zowie/bar");
        assertThat(renamed.get(0).uidValidity()).isEqualTo(foo.uidValidity());
        assertThat(mailboxes.find(alice.id(), "zap")).isPresent();
        assertThat(mailboxes.find(alice.id(), "foo_x")).isPresent();
        assertThat(mailboxes.messages(renamed.get(0))).hasSize(1);
        Mailbox other = admin.create(alice.id(), "other");
        assertThatThrownBy(() -> admin.rename(other, "zap")).isInstanceOf(MailboxExistsException.class);
        assertThatThrownBy(() -> admin.rename(other, "zap/zowie/bar")).isInstanceOf(MailboxExistsException.class);
    }

    @Test
    void oneAccountNeverTouchesAnothersNames() {
        admin.create(bob.id(), "Shared");
        Mailbox mine = admin.create(alice.id(), "Shared");
        assertThat(mine.accountId()).isEqualTo(alice.id());
        admin.rename(mine, "Mine");
        assertThat(mailboxes.find(bob.id(), "Shared")).isPresent();
    }

    @Test
    void indexReportsSnapshotsChangesRecentAndCounts() {
        Mailbox box = admin.create(alice.id(), "Indexed");
        for (int i = 0; i < 3; i++) {
            mailboxes.append(box, message("m" + i), i == 0 ? MessageFlags.of(java.util.List.of("\\Seen")) : MessageFlags.NONE,
                    Instant.now());
        }
        MessageIndex.Snapshot snapshot = index.snapshot(box).orElseThrow();
        assertThat(snapshot.uids()).containsExactly(1, 2, 3);
        assertThat(snapshot.firstUnseenUid()).isEqualTo(2);
        assertThat(snapshot.recentUid()).isZero();
        assertThat(index.claimRecent(box, 3)).isZero();
        assertThat(index.claimRecent(box, 3)).isEqualTo(3);

        long modSeq = snapshot.mailbox().highestModSeq();
        assertThat(index.changesSince(box, modSeq).orElseThrow().isEmpty()).isTrue();
        mailboxes.setFlags(box, java.util.List.of(2L), FlagMode.ADD, MessageFlags.of(java.util.List.of("\\Deleted")));
        mailboxes.expunge(box, null);
        mailboxes.append(box, message("new"), MessageFlags.NONE, Instant.now());
        MessageIndex.Changes changes = index.changesSince(box, modSeq).orElseThrow();
        assertThat(changes.expunged()).containsExactly(2);
        assertThat(changes.changed()).extracting(MessageMeta::uid).containsExactly(4L);
        assertThat(index.metas(box, new long[] {1, 2, 4})).extracting(MessageMeta::uid).containsExactly(1L, 4L);

        MailboxCounts counts = statistics.counts(box);
        assertThat(counts.messages()).isEqualTo(3);
        assertThat(counts.unseen()).isEqualTo(2);
        assertThat(counts.deleted()).isZero();
        assertThat(counts.recent()).isEqualTo(1);
        assertThat(counts.size()).isEqualTo(message("m0").length * 2L + message("new").length);
        // found by name with the same counts in one statement (STATUS)
        MailboxStatistics.Counted counted = statistics.find(box.accountId(), box.name()).orElseThrow();
        assertThat(counted.mailbox().id()).isEqualTo(box.id());
        assertThat(counted.counts()).isEqualTo(counts);
        assertThat(statistics.find(box.accountId(), box.name() + "-none")).isEmpty();

        admin.delete(box);
        assertThat(index.snapshot(box)).isEmpty();
        assertThat(index.changesSince(box, modSeq)).isEmpty();
    }
}
