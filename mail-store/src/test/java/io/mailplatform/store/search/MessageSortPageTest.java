package io.mailplatform.store.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keyset pages of a sorted mailbox (the webmail's list): read page by page from every key's start,
 * in both directions, they give each message once, in the key's order with ties in UID order of the
 * same direction; a page goes on after a position whose message is gone; criteria restrict the pages.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageSortPageTest {
    private static final int MESSAGES = 23;

    @Autowired
    MailboxService mailboxes;
    @Autowired
    MessageSearch search;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;

    private Account account;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("pages.test");
        account = directory.createAccount("pager@pages.test", "secret-p");
    }

    /** Messages whose dates, arrivals, sizes and subjects repeat, so every key has ties. */
    private Mailbox filled(String name) {
        Mailbox box = mailboxes.create(account.id(), name);
        for (int i = 0; i < MESSAGES; i++) {
            String date = i % 4 == 3 ? "" : "Date: Mon, " + (1 + i % 5) + " Jun 2026 10:00:00 +0000\r\n";
            String message = date + "From: sender" + (i % 3) + "@pages.test\r\nSubject: topic " + (char) ('a' + i % 6)
                    + "\r\n\r\n" + "x".repeat(10 * (i % 4)) + "\r\n";
            mailboxes.append(box, message.getBytes(StandardCharsets.UTF_8), i % 2 == 0 ? MessageFlags.NONE
                    : MessageFlags.of(List.of("\\Seen")), Instant.parse("2026-06-0" + (1 + i % 7) + "T12:00:00Z"));
        }
        return box;
    }

    private List<SortPosition> all(Mailbox box, SearchCriterion criterion, SortCriterion order, int pageSize) {
        List<SortPosition> all = new ArrayList<>();
        SortPosition after = null;
        for (int pages = 0; pages < 100; pages++) {
            List<SortPosition> page = search.sortPage(box, criterion, order, after, pageSize);
            assertThat(page.size()).isLessThanOrEqualTo(pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
        throw new AssertionError("no end of the pages");
    }

    @SuppressWarnings("unchecked")
    private static Comparator<SortPosition> order(boolean reverse) {
        Comparator<SortPosition> ascending = (a, b) -> {
            int byKey = ((Comparable<Object>) a.key()).compareTo(b.key());
            return byKey != 0 ? byKey : Long.compare(a.uid(), b.uid());
        };
        return reverse ? ascending.reversed() : ascending;
    }

    @Test
    void pagesOfEveryKeyInBothDirectionsGiveEachMessageOnceInOrder() {
        Mailbox box = filled("Paged");
        for (SortCriterion.Key key : List.of(SortCriterion.Key.DATE, SortCriterion.Key.ARRIVAL, SortCriterion.Key.SIZE,
                SortCriterion.Key.SUBJECT, SortCriterion.Key.DISPLAYFROM)) {
            for (boolean reverse : List.of(false, true)) {
                SortCriterion order = new SortCriterion(key, reverse);
                List<SortPosition> paged = all(box, new SearchCriterion.All(), order, 5);
                assertThat(paged).as(order.toString()).hasSize(MESSAGES)
                        .isSortedAccordingTo(order(reverse))
                        .extracting(SortPosition::uid).doesNotHaveDuplicates();
                // the same order as SORT's for the keys, whatever the ties
                List<Object> keys = paged.stream().map(SortPosition::key).toList();
                long[] sorted = search.sort(box, new SearchCriterion.All(), false, List.of(order));
                Map<Long, Object> byUid = new java.util.HashMap<>();
                paged.forEach(p -> byUid.put(p.uid(), p.key()));
                assertThat(java.util.Arrays.stream(sorted).mapToObj(byUid::get).toList()).as(order.toString())
                        .isEqualTo(keys);
            }
        }
    }

    @Test
    void theDateKeyIsTheSentDateElseTheArrival() {
        Mailbox box = filled("Dated");
        List<SortPosition> first = search.sortPage(box, new SearchCriterion.All(),
                new SortCriterion(SortCriterion.Key.DATE, false), null, 2);
        assertThat(first).extracting(SortPosition::key)
                .containsExactly(Instant.parse("2026-06-01T10:00:00Z"), Instant.parse("2026-06-01T10:00:00Z"));
        // message 4 (index 3) has no Date: its arrival, 4 June 12:00, places it
        assertThat(all(box, new SearchCriterion.All(), new SortCriterion(SortCriterion.Key.DATE, false), 50))
                .filteredOn(p -> p.uid() == 4).extracting(SortPosition::key)
                .containsExactly(Instant.parse("2026-06-04T12:00:00Z"));
    }

    @Test
    void aPageGoesOnAfterAPositionWhoseMessageIsGone() {
        Mailbox box = filled("Expunging");
        SortCriterion newest = new SortCriterion(SortCriterion.Key.ARRIVAL, true);
        List<SortPosition> first = search.sortPage(box, new SearchCriterion.All(), newest, null, 4);
        List<SortPosition> expected = search.sortPage(box, new SearchCriterion.All(), newest, first.get(3), 4);
        mailboxes.delete(box, List.of(first.get(3).uid()));
        assertThat(search.sortPage(box, new SearchCriterion.All(), newest, first.get(3), 4)).isEqualTo(expected);
    }

    @Test
    void criteriaRestrictThePagesAndTheCount() {
        Mailbox box = filled("Unseen");
        SearchCriterion unseen = new SearchCriterion.SystemFlag(MessageFlags.SEEN, false);
        List<SortPosition> paged = all(box, unseen, new SortCriterion(SortCriterion.Key.DATE, true), 3);
        assertThat(paged).extracting(SortPosition::uid)
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(search.search(box, unseen)).boxed().toList());
        assertThat(search.count(box, unseen)).isEqualTo(12);
        assertThat(search.count(box, new SearchCriterion.All())).isEqualTo(MESSAGES);
    }

    @Test
    void contentsWithoutTextKeysGetThemAtTheFirstPage() {
        Mailbox box = filled("Unkeyed");
        jdbc.sql("UPDATE message_contents c SET sort_subject = NULL, sort_from = NULL, sort_to = NULL, sort_cc = NULL,"
                + " sort_display_from = NULL, sort_display_to = NULL FROM messages m"
                + " WHERE m.content_id = c.id AND m.mailbox_id = ? AND m.uid > 20").param(box.id()).update();
        jdbc.sql("UPDATE messages SET sort_subject = NULL, sort_display_from = NULL WHERE mailbox_id = ? AND uid > 20")
                .param(box.id()).update();
        for (SortCriterion.Key key : List.of(SortCriterion.Key.SUBJECT, SortCriterion.Key.FROM)) {
            for (boolean reverse : List.of(false, true)) {
                List<SortPosition> paged = all(box, new SearchCriterion.All(), new SortCriterion(key, reverse), 4);
                assertThat(paged).as(key + " " + reverse).hasSize(MESSAGES).isSortedAccordingTo(order(reverse));
            }
        }
    }

    @Test
    void aPositionOfAnotherKindOfKeyIsRefused() {
        Mailbox box = filled("Mixed");
        assertThatThrownBy(() -> search.sortPage(box, new SearchCriterion.All(),
                new SortCriterion(SortCriterion.Key.DATE, false), new SortPosition("text", 1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
