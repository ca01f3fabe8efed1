package io.mailplatform.store.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.AppendResult;
import io.mailplatform.store.mailbox.FlagMode;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.SearchIndexQueue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import io.mailplatform.testsupport.RealInfrastructure;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Messages a client stores (APPEND) get their full-text vectors after the fact (migration V55): the
 * content waits in {@code search_index_queue}, a search of its mailbox indexes it first, the
 * background job indexes it once it has waited long enough, and a content deleted before its turn
 * leaves the queue with it. The background job is kept from running here (long interval) so that each
 * way is seen on its own.
 */
@SpringBootTest(classes = StoreTestApplication.class, properties = {"mail.store.search-index.interval=1h",
        "mail.store.search-index.delay=0s"})
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeferredSearchIndexTest {
    private static final String MESSAGE = """
            Subject: deferred\r
            X-Project: pineapple-orbit\r
            \r
            the quarterly kumquat report\r
            """;

    @Autowired
    MailboxService mailboxes;
    @Autowired
    MessageSearch search;
    @Autowired
    SearchIndexQueue queue;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;

    private Account account;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("deferred.test");
        account = directory.createAccount("dora@deferred.test", "secret-d");
    }

    private long contentOf(Mailbox box, long uid) {
        return jdbc.sql("SELECT content_id FROM messages WHERE mailbox_id = ? AND uid = ?").params(box.id(), uid)
                .query(Long.class).single();
    }

    private boolean queued(long contentId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM search_index_queue WHERE content_id = ?)").param(contentId)
                .query(Boolean.class).single();
    }

    private boolean vectorsFilled(long contentId) {
        return jdbc.sql("SELECT search_vector IS NOT NULL AND header_vector IS NOT NULL FROM message_contents WHERE id = ?")
                .param(contentId).query(Boolean.class).single();
    }

    /** Runs the background job's batches until nothing waits (other tests' contents may wait too). */
    private void drainQueue() {
        while (queue.indexWaiting() > 0) {
            // the next batch
        }
    }

    private AppendResult append(Mailbox box) {
        return mailboxes.append(box, MESSAGE.getBytes(StandardCharsets.US_ASCII), MessageFlags.NONE, Instant.now());
    }

    private long[] text(Mailbox box, String words, boolean bodyOnly) {
        return search.search(box, new SearchCriterion.FullText(words, bodyOnly), false);
    }

    @Test
    void anAppendedMessageWaitsWithoutVectorsAndASearchOfItsMailboxIndexesItFirst() {
        Mailbox box = mailboxes.create(account.id(), "Searched");
        AppendResult appended = append(box);
        long content = contentOf(box, appended.uid());
        assertThat(queued(content)).isTrue();
        assertThat(vectorsFilled(content)).isFalse();
        // what does not read the vectors neither waits for them nor indexes
        assertThat(search.search(box, new SearchCriterion.FieldContains(SearchCriterion.Field.SUBJECT, "deferred"), false))
                .containsExactly(appended.uid());
        assertThat(queued(content)).isTrue();

        assertThat(text(box, "kumquat", true)).containsExactly(appended.uid());
        assertThat(queued(content)).isFalse();
        assertThat(vectorsFilled(content)).isTrue();
        // header words (TEXT) came with it
        assertThat(text(box, "pineapple", false)).containsExactly(appended.uid());
        assertThat(text(box, "pineapple", true)).isEmpty();
    }

    @Test
    void aCopyInAnotherMailboxIsFoundThereBeforeTheOriginalsMailboxIsSearched() {
        Mailbox source = mailboxes.create(account.id(), "Source");
        Mailbox target = mailboxes.create(account.id(), "Target");
        AppendResult appended = append(source);
        mailboxes.copy(source, List.of(appended.uid()), target);
        long content = contentOf(source, appended.uid());
        assertThat(queued(content)).isTrue();

        assertThat(text(target, "quarterly", true)).hasSize(1);
        assertThat(queued(content)).isFalse();
        assertThat(text(source, "quarterly", true)).containsExactly(appended.uid());
    }

    @Test
    void theBackgroundJobIndexesWhatHasWaitedAndAnExpungedContentLeavesTheQueue() {
        Mailbox box = mailboxes.create(account.id(), "Background");
        AppendResult kept = append(box);
        AppendResult dropped = append(box);
        long keptContent = contentOf(box, kept.uid());
        long droppedContent = contentOf(box, dropped.uid());
        mailboxes.setFlags(box, List.of(dropped.uid()), FlagMode.ADD, MessageFlags.of(List.of("\\Deleted")));
        mailboxes.expunge(box, null);
        assertThat(queued(droppedContent)).isFalse();
        assertThat(queued(keptContent)).isTrue();

        drainQueue();
        assertThat(queued(keptContent)).isFalse();
        assertThat(vectorsFilled(keptContent)).isTrue();
        assertThat(text(box, "kumquat", true)).containsExactly(kept.uid());
    }

    @Test
    void aFreshClaimOfAnotherInstanceIsLeftAloneAndAStaleOneTakenAgain() {
        Mailbox box = mailboxes.create(account.id(), "Claimed");
        AppendResult appended = append(box);
        long content = contentOf(box, appended.uid());
        jdbc.sql("UPDATE search_index_queue SET claimed_at = now() WHERE content_id = ?").param(content).update();
        drainQueue();
        assertThat(queued(content)).isTrue();

        jdbc.sql("UPDATE search_index_queue SET claimed_at = now() - interval '10 minutes' WHERE content_id = ?")
                .param(content).update();
        drainQueue();
        assertThat(queued(content)).isFalse();
        assertThat(vectorsFilled(content)).isTrue();
    }
}
