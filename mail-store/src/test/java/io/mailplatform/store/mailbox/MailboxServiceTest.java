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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailboxServiceTest {
    @Autowired
    MailboxService mailboxes;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageIndex index;
    @Autowired
    StoreTestApplication.RecordingPublisher events;

    Account alice;
    Account bob;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("example.test");
        alice = directory.createAccount("alice@example.test", "secret-a");
        bob = directory.createAccount("bob@example.test", "secret-b");
    }

    private static byte[] message(String subject) {
        return ("From: carol@example.org\r\nSubject: " + subject + "\r\n\r\nHello\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void newAccountsHaveInboxAndSpecialUseMailboxes() throws Exception {
        Account fresh = directory.createAccount("fresh@example.test", "pw");
        assertThat(mailboxes.mailboxes(fresh.id())).extracting(Mailbox::name)
                .containsExactlyInAnyOrder("INBOX", "Drafts", "Sent", "Junk", "Trash");
        assertThat(mailboxes.find(fresh.id(), "inbox")).isPresent();
        assertThat(mailboxes.require(fresh.id(), "Junk").specialUse()).isEqualTo("\\Junk");
    }

    @Test
    void anAppendClaimingRecentTakesTheRecentMessagesUpToItsOwnInTheSameStatement() {
        Mailbox box = mailboxes.create(alice.id(), "AppendRecent");
        AppendResult plain = mailboxes.append(box, message("one"), MessageFlags.NONE, Instant.now());
        assertThat(plain.recentAbove()).isEqualTo(-1);
        assertThat(index.claimRecent(box, 1)).isZero();
        mailboxes.append(box, message("two"), MessageFlags.NONE, Instant.now());

        // UID 2 was appended by someone else and is not claimed yet: the claim takes it with UID 3
        AppendResult claiming = mailboxes.appendClaimingRecent(box, message("three"), MessageFlags.NONE, Instant.now());
        assertThat(claiming.uid()).isEqualTo(3);
        assertThat(claiming.recentAbove()).isEqualTo(1);
        assertThat(index.claimRecent(box, 3)).isEqualTo(3);
        assertThat(mailboxes.messages(box)).extracting(MessageMeta::uid).containsExactly(1L, 2L, 3L);
    }

    @Test
    void changesCarryTheRecentMarkSoSessionsNeedNotClaimWhatIsClaimed() {
        Mailbox box = mailboxes.create(alice.id(), "RecentMark");
        long modSeq = mailboxes.require(alice.id(), "RecentMark").highestModSeq();
        mailboxes.append(box, message("one"), MessageFlags.NONE, Instant.now());
        assertThat(index.changesSince(box, modSeq).orElseThrow().recentUid()).isZero();
        mailboxes.appendClaimingRecent(box, message("two"), MessageFlags.NONE, Instant.now());
        assertThat(index.changesSince(box, modSeq).orElseThrow().recentUid()).isEqualTo(2);
    }

    @Test
    void appendAssignsUidsAndModSeqsAndPublishesAnEvent() {
        Mailbox box = mailboxes.create(alice.id(), "Append");
        AppendResult first = mailboxes.append(box, message("one"), MessageFlags.of(List.of("\\Seen", "$Work")), Instant.now());
        AppendResult second = mailboxes.append(box, message("two"), MessageFlags.NONE, Instant.now());
        assertThat(first.uid()).isEqualTo(1);
        assertThat(second.uid()).isEqualTo(2);
        assertThat(second.modSeq()).isGreaterThan(first.modSeq());
        assertThat(first.uidValidity()).isEqualTo(box.uidValidity());
        List<MessageMeta> metas = mailboxes.messages(box);
        assertThat(metas).extracting(MessageMeta::uid).containsExactly(1L, 2L);
        assertThat(metas.get(0).flags().names()).containsExactly("\\Seen", "$Work");
        assertThat(mailboxes.content(box, 2).orElseThrow()).isEqualTo(message("two"));
        assertThat(mailboxes.contentRange(box, 2, 6, 17).map(b -> new String(b, StandardCharsets.US_ASCII)))
                .contains("carol@example.org");
        assertThat(mailboxes.refresh(box).uidNext()).isEqualTo(3);
        assertThat(events.events).anyMatch(e -> e.type() == MailboxEvent.Type.MESSAGES_ADDED
                && e.mailboxId() == box.id() && e.uids().equals(List.of(2L)));
    }

    @Test
    void flagChangesOnlyTouchMessagesThatChange() {
        Mailbox box = mailboxes.create(alice.id(), "Flags");
        mailboxes.append(box, message("a"), MessageFlags.of(List.of("\\Seen")), Instant.now());
        mailboxes.append(box, message("b"), MessageFlags.NONE, Instant.now());
        List<MessageMeta> changed = mailboxes.setFlags(box, List.of(1L, 2L), FlagMode.ADD, MessageFlags.of(List.of("\\Seen")));
        assertThat(changed).extracting(MessageMeta::uid).containsExactly(2L);
        changed = mailboxes.setFlags(box, List.of(1L, 2L), FlagMode.ADD, MessageFlags.of(List.of("\\Flagged", "Todo")));
        assertThat(changed).hasSize(2).allSatisfy(m -> assertThat(m.flags().names()).contains("\\Flagged", "Todo"));
        changed = mailboxes.setFlags(box, List.of(2L), FlagMode.REMOVE, MessageFlags.of(List.of("\\Seen", "Todo")));
        assertThat(changed.get(0).flags().names()).containsExactly("\\Flagged");
        changed = mailboxes.setFlags(box, List.of(1L), FlagMode.REPLACE, MessageFlags.of(List.of("\\Answered")));
        assertThat(changed.get(0).flags().names()).containsExactly("\\Answered");
        assertThat(mailboxes.changedSince(box, changed.get(0).modSeq() - 1)).extracting(MessageMeta::uid).containsExactly(1L);
    }

    @Test
    void copyAndMoveShareContentAndMoveExpungesTheSource() {
        Mailbox source = mailboxes.create(alice.id(), "Source");
        Mailbox target = mailboxes.create(alice.id(), "Target");
        mailboxes.append(source, message("x"), MessageFlags.of(List.of("$Label")), Instant.now());
        mailboxes.append(source, message("y"), MessageFlags.NONE, Instant.now());
        CopyResult copied = mailboxes.copy(source, List.of(1L, 2L, 99L), target);
        assertThat(copied.sourceUids()).containsExactly(1L, 2L);
        assertThat(copied.targetUids()).containsExactly(1L, 2L);
        assertThat(mailboxes.messages(target).get(0).flags().keywords()).containsExactly("$Label");
        assertThat(mailboxes.messages(target).get(0).contentId()).isEqualTo(mailboxes.messages(source).get(0).contentId());

        CopyResult moved = mailboxes.move(source, List.of(2L), target);
        assertThat(moved.targetUids()).containsExactly(3L);
        assertThat(mailboxes.messages(source)).extracting(MessageMeta::uid).containsExactly(1L);
        assertThat(jdbc.sql("SELECT count(*) FROM expunged_messages WHERE mailbox_id = ?").param(source.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void expungeRemovesOnlyDeletedMessagesAndCollectsUnsharedContent() {
        Mailbox box = mailboxes.create(alice.id(), "Expunge");
        for (int i = 0; i < 4; i++) {
            mailboxes.append(box, message("m" + i), MessageFlags.NONE, Instant.now());
        }
        long contentOfThird = mailboxes.message(box, 3).orElseThrow().contentId();
        mailboxes.setFlags(box, List.of(2L, 3L, 4L), FlagMode.ADD, MessageFlags.of(List.of("\\Deleted")));
        assertThat(mailboxes.expunge(box, List.of(3L, 4L))).containsExactly(3L, 4L);
        assertThat(mailboxes.expunge(box, null)).containsExactly(2L);
        assertThat(mailboxes.messages(box)).extracting(MessageMeta::uid).containsExactly(1L);
        assertThat(jdbc.sql("SELECT count(*) FROM message_contents WHERE id = ?").param(contentOfThird)
                .query(Long.class).single()).isZero();
        assertThat(mailboxes.delete(box, List.of(1L))).containsExactly(1L);
        assertThat(mailboxes.messages(box)).isEmpty();
    }

    @Test
    void mailboxNamesAreUniquePerAccount() {
        mailboxes.create(alice.id(), "Projects/2026");
        assertThatThrownBy(() -> mailboxes.create(alice.id(), "Projects/2026")).isInstanceOf(MailboxExistsException.class);
        mailboxes.create(bob.id(), "Projects/2026");
        assertThat(mailboxes.find(bob.id(), "Projects/2026")).isPresent();
        assertThat(mailboxes.find(bob.id(), "Nope")).isEmpty();
        assertThat(Set.copyOf(mailboxes.mailboxes(bob.id()).stream().map(Mailbox::accountId).toList()))
                .containsExactly(bob.id());
    }

    @Test
    void appendToAMailboxDeletedMeanwhileIsRefusedAndLeavesNoContent() {
        Mailbox box = mailboxes.create(alice.id(), "Gone");
        long contents = jdbc.sql("SELECT count(*) FROM message_contents").query(Long.class).single();
        jdbc.sql("DELETE FROM mailboxes WHERE id = ?").param(box.id()).update();
        assertThatThrownBy(() -> mailboxes.append(box, message("late"), MessageFlags.NONE, Instant.now()))
                .isInstanceOf(MailboxNotFoundException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM message_contents").query(Long.class).single()).isEqualTo(contents);
    }

    @Test
    void appendAndStoreWithKeywordsRegisterThemOnceAndKeepUsingThem() throws Exception {
        Account carol = directory.createAccount("carol@example.test", "secret-c");
        Mailbox box = mailboxes.require(carol.id(), "INBOX");
        mailboxes.append(box, message("k1"), MessageFlags.of(List.of("$Label1")), Instant.now());
        // known now: this append goes the one-statement way, and its keywords are stored all the same
        AppendResult second = mailboxes.append(box, message("k2"), MessageFlags.of(List.of("$Label1", "\\Flagged")),
                Instant.now());
        assertThat(mailboxes.message(box, second.uid()).orElseThrow().flags().names())
                .containsExactlyInAnyOrder("\\Flagged", "$Label1");
        List<MessageMeta> changed = mailboxes.setFlags(box, List.of(1L), FlagMode.ADD, MessageFlags.of(List.of("$Label2")));
        assertThat(changed.get(0).flags().keywords()).containsExactlyInAnyOrder("$Label1", "$Label2");
        changed = mailboxes.setFlags(box, List.of(2L), FlagMode.ADD, MessageFlags.of(List.of("$Label2")));
        assertThat(changed.get(0).flags().keywords()).containsExactlyInAnyOrder("$Label1", "$Label2");
        assertThat(jdbc.sql("SELECT keyword FROM account_keywords WHERE account_id = ? ORDER BY keyword")
                .param(carol.id()).query(String.class).list()).containsExactly("$Label1", "$Label2");
    }

    @Test
    void changesSinceReportsFlagChangesNewMessagesAndExpungesOfOneInstant() {
        Mailbox box = mailboxes.create(alice.id(), "Changes");
        AppendResult first = mailboxes.append(box, message("c1"), MessageFlags.NONE, Instant.now());
        mailboxes.append(box, message("c2"), MessageFlags.NONE, Instant.now());
        long seen = mailboxes.refresh(box).highestModSeq();
        assertThat(index.changesSince(box, seen).orElseThrow().isEmpty()).isTrue();

        mailboxes.setFlags(box, List.of(1L, 2L), FlagMode.ADD, MessageFlags.of(List.of("\\Deleted")));
        mailboxes.expunge(box, List.of(2L));
        mailboxes.setFlags(box, List.of(1L), FlagMode.ADD, MessageFlags.of(List.of("\\Seen")));
        AppendResult third = mailboxes.append(box, message("c3"), MessageFlags.NONE, Instant.now());
        MessageIndex.Changes changes = index.changesSince(box, seen).orElseThrow();
        assertThat(changes.highestModSeq()).isEqualTo(mailboxes.refresh(box).highestModSeq());
        assertThat(changes.changed()).extracting(MessageMeta::uid).containsExactly(first.uid(), third.uid());
        assertThat(changes.changed().get(0).flags().names()).containsExactlyInAnyOrder("\\Deleted", "\\Seen");
        assertThat(changes.expunged()).containsExactly(2L);

        jdbc.sql("DELETE FROM mailboxes WHERE id = ?").param(box.id()).update();
        assertThat(index.changesSince(box, seen)).isEmpty();
    }
}
