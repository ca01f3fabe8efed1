package io.mailplatform.pop3.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.pop3.command.MessageNumber;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which first chunks are read ahead with a RETR, and that each is handed out once. */
class ReadAheadTest {
    private static final int CHUNK = 64 * 1024;
    /** Messages of this size fill the budget exactly with a window of the message bound. */
    private static final int SMALL = ReadAhead.MAX_OCTETS / ReadAhead.MAX_MESSAGES;

    private static Maildrop maildrop(int count, int storedSize) {
        List<MaildropMessage> messages = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            messages.add(new MaildropMessage(new MessageNumber(n), 100 + n, storedSize, storedSize + 10));
        }
        return new Maildrop(new Account(1, "a@example.test", null, true),
                new Mailbox(1, 1, "INBOX", 7, count + 101, 1, null, true), null, messages);
    }

    private static List<Integer> numbers(List<MaildropMessage> window) {
        return window.stream().map(m -> m.number().value()).toList();
    }

    @Test
    void smallMessagesAreReadAheadUpToTheMessageBound() {
        Maildrop maildrop = maildrop(200, 2048);
        List<MaildropMessage> window = maildrop.readAhead().window(maildrop, maildrop.listed().get(9), CHUNK);
        assertThat(window).hasSize(ReadAhead.MAX_MESSAGES);
        assertThat(numbers(window).get(0)).isEqualTo(10);
        assertThat(numbers(window).get(ReadAhead.MAX_MESSAGES - 1)).isEqualTo(10 + ReadAhead.MAX_MESSAGES - 1);
    }

    @Test
    void largerMessagesAreReadAheadUpToTheOctetBoundAndThoseOfSeveralChunksNot() {
        Maildrop maildrop = maildrop(50, 10_000);
        assertThat(maildrop.readAhead().window(maildrop, maildrop.listed().get(0), CHUNK))
                .hasSize(ReadAhead.MAX_OCTETS / 10_000);
        Maildrop large = maildrop(5, 1 << 20);
        // messages of more than one chunk are not read ahead; the requested one always comes
        assertThat(numbers(large.readAhead().window(large, large.listed().get(0), CHUNK))).containsExactly(1);
        assertThat(numbers(large.readAhead().window(large, large.listed().get(0), 1 << 20))).containsExactly(1);
    }

    @Test
    void deletedMessagesAndChunksAlreadyReadAreSkippedAndEachChunkIsTakenOnce() {
        Maildrop maildrop = maildrop(6, 100);
        maildrop.markDeleted(maildrop.listed().get(2));
        ReadAhead readAhead = maildrop.readAhead();
        List<MaildropMessage> window = readAhead.window(maildrop, maildrop.listed().get(0), CHUNK);
        assertThat(numbers(window)).containsExactly(1, 2, 4, 5, 6);
        readAhead.keep(window, List.of(new byte[] {1}, new byte[] {2}, new byte[] {4}, new byte[0], new byte[] {6}));
        assertThat(readAhead.take(1)).as("the first is sent at once, not kept").isNull();
        assertThat(readAhead.take(2)).containsExactly(2);
        assertThat(readAhead.take(2)).isNull();
        assertThat(numbers(readAhead.window(maildrop, maildrop.listed().get(1), CHUNK))).containsExactly(2);
        readAhead.clear();
        assertThat(readAhead.take(4)).as("forgotten when the maildrop is left").isNull();
    }

    private static List<byte[]> chunks(List<MaildropMessage> window) {
        return window.stream().map(m -> new byte[(int) m.storedSize()]).toList();
    }

    /** The read-ahead after RETR 1 read the first window (message 1 sent, the rest held). */
    private static ReadAhead afterRetrOfTheFirst(Maildrop maildrop) {
        ReadAhead readAhead = maildrop.readAhead();
        List<MaildropMessage> first = readAhead.window(maildrop, maildrop.listed().get(0), CHUNK);
        readAhead.keep(first, chunks(first));
        return readAhead;
    }

    @Test
    void theNextMessagesAreReadInTheBackgroundOnceAQuarterOfTheBudgetIsFree() {
        Maildrop maildrop = maildrop(200, SMALL);
        ReadAhead readAhead = maildrop.readAhead();
        List<MaildropMessage> first = readAhead.window(maildrop, maildrop.listed().get(0), CHUNK);
        assertThat(numbers(first)).hasSize(64).startsWith(1).endsWith(64);
        readAhead.keep(first, chunks(first));
        assertThat(readAhead.refill(maildrop, CHUNK)).as("the budget is used up").isEmpty();
        int perQuarter = ReadAhead.REFILL_OCTETS / SMALL;
        // message 1 went out at once and the other 63 fill all but one message of the budget: 15 more taken free a quarter
        for (int n = 2; n < perQuarter; n++) {
            assertThat(readAhead.take(n)).hasSize(SMALL);
            assertThat(readAhead.refill(maildrop, CHUNK)).isEmpty();
        }
        assertThat(readAhead.take(perQuarter)).hasSize(SMALL);
        List<MaildropMessage> next = readAhead.refill(maildrop, CHUNK);
        // the messages after those already read, as many as the free budget takes
        assertThat(numbers(next)).hasSize(perQuarter).startsWith(65).endsWith(64 + perQuarter);
        assertThat(readAhead.heldOctets() + (long) SMALL * next.size()).isLessThanOrEqualTo(ReadAhead.MAX_OCTETS);
        assertThat(readAhead.refill(maildrop, CHUNK)).as("one background read at a time").isEmpty();
        assertThat(readAhead.take(70)).as("not here yet").isNull();
        assertThat(readAhead.pending(70)).isNotNull();
        assertThat(readAhead.pending(64)).isNull();
        assertThat(numbers(readAhead.window(maildrop, maildrop.listed().get(63), CHUNK)))
                .as("a miss (64 was dropped when 70 was asked for) reads none of what is being read").startsWith(64, 81);
        readAhead.landed(chunks(next));
        assertThat(readAhead.pending(70)).isNull();
        assertThat(readAhead.take(71)).hasSize(SMALL);
        assertThat(readAhead.take(70)).as("passed by: dropped when 71 was taken").isNull();
    }

    @Test
    void chunksOfPassedMessagesAreDroppedAndFreeTheBudget() {
        Maildrop maildrop = maildrop(100, SMALL);
        ReadAhead readAhead = afterRetrOfTheFirst(maildrop);
        assertThat(readAhead.heldOctets()).isEqualTo(63 * (long) SMALL);
        assertThat(readAhead.take(40)).hasSize(SMALL);
        assertThat(readAhead.heldOctets()).as("2..40 are gone").isEqualTo(24 * (long) SMALL);
        assertThat(readAhead.take(3)).isNull();
        assertThat(numbers(readAhead.refill(maildrop, CHUNK))).startsWith(65).endsWith(100);
    }

    @Test
    void aFailedOrLateBackgroundReadKeepsNothingAndReleasesThoseWaitingForIt() {
        Maildrop maildrop = maildrop(100, SMALL);
        ReadAhead readAhead = afterRetrOfTheFirst(maildrop);
        readAhead.take(30);
        List<MaildropMessage> next = readAhead.refill(maildrop, CHUNK);
        assertThat(next).isNotEmpty();
        var waiting = readAhead.pending(next.get(0).number().value()).toCompletableFuture();
        readAhead.landed(null);
        assertThat(waiting).isCompleted();
        assertThat(readAhead.take(next.get(0).number().value())).isNull();
        List<MaildropMessage> again = readAhead.refill(maildrop, CHUNK);
        assertThat(again).isNotEmpty();
        readAhead.clear();
        readAhead.landed(chunks(again));
        assertThat(readAhead.take(again.get(0).number().value())).as("the maildrop was left meanwhile").isNull();
        assertThat(readAhead.refill(maildrop, CHUNK)).isEmpty();
    }

    @Test
    void aClientThatHadToWaitGetsReadsOfHalfTheBudgetUntilAReadIsOnTimeAgain() {
        Maildrop maildrop = maildrop(400, SMALL);
        ReadAhead readAhead = afterRetrOfTheFirst(maildrop);
        readAhead.take(16);
        List<MaildropMessage> quarter = readAhead.refill(maildrop, CHUNK);
        assertThat(numbers(quarter)).startsWith(65).endsWith(80);
        readAhead.take(64);
        // the client asks for 65 before the read has landed: it waits
        assertThat(readAhead.take(65)).isNull();
        assertThat(readAhead.pending(65)).isNotNull();
        readAhead.landed(chunks(quarter));
        assertThat(readAhead.take(65)).hasSize(SMALL);
        // 66..80 held, more than half the budget free: read at once, as much as is free
        List<MaildropMessage> large = readAhead.refill(maildrop, CHUNK);
        assertThat(numbers(large)).hasSize(49).startsWith(81).endsWith(129);
        // and late again
        readAhead.take(80);
        assertThat(readAhead.take(81)).isNull();
        assertThat(readAhead.pending(81)).isNotNull();
        readAhead.landed(chunks(large));
        // 82..129 held: a quarter of the budget is free, which is not enough for a client that had to wait
        assertThat(readAhead.refill(maildrop, CHUNK)).isEmpty();
        assertThat(readAhead.take(97)).hasSize(SMALL);
        List<MaildropMessage> half = readAhead.refill(maildrop, CHUNK);
        assertThat(numbers(half)).as("half the budget, while the client takes the other half")
                .hasSize(ReadAhead.STARVED_REFILL_OCTETS / SMALL).startsWith(130).endsWith(161);
        // this one lands before it is asked for: back to a read per quarter
        readAhead.landed(chunks(half));
        readAhead.take(113);
        assertThat(numbers(readAhead.refill(maildrop, CHUNK))).hasSize(ReadAhead.REFILL_OCTETS / SMALL).startsWith(162);
    }
}
