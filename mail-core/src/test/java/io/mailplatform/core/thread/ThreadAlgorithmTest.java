package io.mailplatform.core.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of RFC 5256 §3 for ORDEREDSUBJECT and REFERENCES, one case each, plus the cases of
 * Dovecot's imaptest {@code thread*} scripts. Ids are message numbers 1..n in mailbox order.
 */
class ThreadAlgorithmTest {
    private static final Instant T0 = Instant.parse("2008-02-22T12:00:00Z");

    /** A fluent list of messages, numbered from 1. */
    private static final class Box {
        final List<ThreadMessage> messages = new ArrayList<>();

        /** {@code minutes} after T0; {@code subject} the base subject; references oldest first. */
        Box add(int minutes, String subject, boolean reply, String messageId, String... references) {
            messages.add(ThreadMessage.of(messages.size() + 1, T0.plusSeconds(60L * minutes), subject, messageId,
                    Arrays.asList(references), reply));
            return this;
        }

        Box add(int minutes, String messageId, String... references) {
            return add(minutes, "", false, messageId, references);
        }

        String references() {
            return ThreadNode.format(ThreadAlgorithm.REFERENCES.threads(messages));
        }

        String orderedSubject() {
            return ThreadNode.format(ThreadAlgorithm.ORDEREDSUBJECT.threads(messages));
        }
    }

    @Test
    void orderedSubjectMakesTheFirstMessageOfEachSubjectTheParentOfTheOthers() {
        Box box = new Box().add(3, "A", false, null).add(2, "B", false, null).add(1, "A", true, null)
                .add(0, "B", true, null).add(5, "A", false, null).add(4, "C", false, null).add(9, "C", false, null);
        // A: 3 (1 min), 1 (3), 5 (5); B: 4 (0), 2 (2); C: 6, 7. Threads by their first message's date
        assertThat(box.orderedSubject()).isEqualTo("(4 2)(3 (1)(5))(6 7)");
    }

    @Test
    void orderedSubjectBreaksTiesByMailboxOrder() {
        Box box = new Box().add(0, "X", false, null).add(0, "", false, null).add(0, "X", false, null)
                .add(0, "", false, null);
        assertThat(box.orderedSubject()).isEqualTo("(1 3)(2 4)");
    }

    @Test
    void referencesLinkParentsAndChildren() {
        Box box = new Box().add(0, "a@x").add(1, "b@x", "a@x").add(2, "c@x", "a@x", "b@x").add(3, "d@x", "a@x");
        assertThat(box.references()).isEqualTo("(1 (2 3)(4))");
    }

    @Test
    void theLastReferenceIsTheParentAndLoopsAreNotLinked() {
        // imaptest "thread": 2 says a > c > 2; 3 (c) says it answers 2: that link would be a loop, and
        // 3's old link under a is broken (step 1.B)
        Box box = new Box().add(120, "a@b").add(0, "b@b", "a@b", "c@b").add(60, "c@b", "b@b");
        assertThat(box.references()).isEqualTo("(3 2)(1)");
    }

    @Test
    void inReplyToServesWhenThereAreNoReferences() {
        assertThat(ThreadKeys.of("<2@x>", null, "<1@x> <9@x>", "Re: hi").references()).containsExactly("1@x");
        assertThat(ThreadKeys.of("<2@x>", "<0@x> <1@x>", "<5@x>", "hi").references()).containsExactly("0@x", "1@x");
        assertThat(ThreadKeys.of("<2@x>", "no ids here", "<5@x>", "hi").references()).containsExactly("5@x");
    }

    @Test
    void dummyParentsWithOneChildArePromotedAndWithSeveralStayAtTheRoot() {
        // imaptest "thread6": two messages that reference one absent message
        assertThat(new Box().add(0, null, "a@b").add(1, null, "a@b").references()).isEqualTo("((1)(2))");
        // imaptest "thread5": after the expunge, each remaining message's parent is absent
        Box box = new Box().add(0, "3@b", "1@b").add(0, "4@b", "2@b");
        assertThat(box.references()).isEqualTo("(1)(2)");
        assertThat(box.add(0, "5@b", "2@b").references()).isEqualTo("(1)((2)(3))");
    }

    @Test
    void dummiesBelowTheRootAreReplacedByTheirChildren() {
        // 2 answers the absent x, which answers 1: 2 becomes 1's child
        assertThat(new Box().add(0, "1@b").add(1, "2@b", "1@b", "x@b").references()).isEqualTo("(1 2)");
    }

    @Test
    void duplicateMessageIdsAreDistinctMessages() {
        // imaptest "thread2" and "thread7": the first message with an id keeps it
        assertThat(new Box().add(0, "a@b").add(0, "a@b").references()).isEqualTo("(1)(2)");
        Box box = new Box().add(0, "a@b").add(0, "b@b", "a@b").add(0, "c@b", "b@b").add(0, "b@b", "a@b");
        assertThat(box.references()).isEqualTo("(1 (2 3)(4))");
    }

    @Test
    void aReplyBySubjectBecomesTheChildOfTheOriginal() {
        // imaptest "thread3" and "thread4": no reference links them, the subject does
        assertThat(new Box().add(0, "foo", false, "a@b").add(1, "foo", true, "a@b").references()).isEqualTo("(1 2)");
        assertThat(new Box().add(0, "foo", false, "a@b").add(1, "foo", true, "b@b", "c@b").references())
                .isEqualTo("(1 2)");
    }

    @Test
    void rootsWithOneSubjectAndNoReplyMarkersBecomeSiblingsUnderADummy() {
        Box box = new Box().add(0, "foo", false, "1@b").add(5, "bar", false, "2@b").add(9, "foo", false, "3@b");
        assertThat(box.references()).isEqualTo("((1)(3))(2)");
        Box replies = new Box().add(0, "foo", true, "1@b").add(5, "foo", true, "2@b");
        assertThat(replies.references()).isEqualTo("((1)(2))");
    }

    @Test
    void anOriginalFoundLaterStillParentsTheReply() {
        // the reply comes first in the mailbox; the table keeps the one that is not a reply (step 5.A)
        assertThat(new Box().add(5, "foo", true, "1@b").add(0, "foo", false, "2@b").references()).isEqualTo("(2 1)");
    }

    @Test
    void aRootJoinsADummyOfTheSameSubject() {
        // 1 and 2 answer the absent x (a dummy root, subject "foo" from its first child); 3 has subject foo too
        Box box = new Box().add(0, "foo", true, "1@b", "x@b").add(1, "foo", true, "2@b", "x@b")
                .add(2, "foo", false, "3@b");
        assertThat(box.references()).isEqualTo("((1)(2)(3))");
    }

    @Test
    void emptySubjectsAreNotGathered() {
        assertThat(new Box().add(0, "1@b").add(1, "2@b").references()).isEqualTo("(1)(2)");
    }

    @Test
    void siblingsAndThreadsAreOrderedBySentDateThenMailboxOrder() {
        Box box = new Box().add(10, "r@b").add(30, "c1@b", "r@b").add(20, "c2@b", "r@b").add(20, "c3@b", "r@b")
                .add(5, "s@b");
        assertThat(box.references()).isEqualTo("(5)(1 (3)(4)(2))");
    }

    @Test
    void aDummyRootSortsByItsEarliestChild() {
        Box box = new Box().add(10, "m@b").add(30, null, "x@b").add(1, null, "x@b");
        assertThat(box.references()).isEqualTo("((3)(2))(1)");
    }

    @Test
    void noMessagesNoThreads() {
        assertThat(new Box().references()).isEmpty();
        assertThat(new Box().orderedSubject()).isEmpty();
    }
}
