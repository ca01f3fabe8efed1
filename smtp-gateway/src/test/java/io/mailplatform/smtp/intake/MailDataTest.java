package io.mailplatform.smtp.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Mail data held in budgeted segments: what is reserved, what is kept, and what is given back. */
class MailDataTest {

    @RepeatedTest(20)
    void aMessageOfExactlyTheMaximumSizeFitsInABudgetOfThatSize() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int maxSize = 100_000 + random.nextInt(900_000);
        MessageMemoryBudget budget = new MessageMemoryBudget(maxSize);
        MailData data = new MailData(budget, maxSize);
        byte[] message = new byte[maxSize];
        random.nextBytes(message);
        int offset = 0;
        while (offset < maxSize) {
            int piece = Math.min(maxSize - offset, 1 + random.nextInt(70_000)); // reads of any size
            assertThat(data.append(Unpooled.wrappedBuffer(message, offset, piece))).as("seed %d", seed).isTrue();
            offset += piece;
            assertThat(budget.reserved()).as("seed %d", seed).isEqualTo(data.reserved()).isGreaterThanOrEqualTo(offset);
        }
        assertThat(budget.reserved()).isEqualTo(maxSize);
        InboundMessage inbound = new InboundMessage(null, "Received: x\r\n".getBytes(StandardCharsets.US_ASCII), data);
        byte[] value = inbound.recordValue();
        assertThat(new String(value, 0, 13, StandardCharsets.US_ASCII)).isEqualTo("Received: x\r\n");
        assertThat(Arrays.copyOfRange(value, 13, value.length)).as("seed %d", seed).isEqualTo(message);
        data.release();
        data.release();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void whatDoesNotFitIsRefusedAndEverythingHeldIsGivenBack() {
        MessageMemoryBudget budget = new MessageMemoryBudget(100_000);
        assertThat(budget.tryReserve(40_000)).isTrue(); // another session's
        MailData data = new MailData(budget, 1_000_000);
        assertThat(data.append(Unpooled.wrappedBuffer(new byte[30_000]))).isTrue();
        assertThat(budget.reserved()).isEqualTo(40_000 + data.reserved());
        assertThat(data.append(Unpooled.wrappedBuffer(new byte[30_000]))).isFalse();
        assertThat(budget.reserved()).isEqualTo(40_000);
        assertThat(data.append(Unpooled.wrappedBuffer(new byte[1]))).as("nothing more once refused").isFalse();
        assertThat(budget.reserved()).isEqualTo(40_000);
    }

    @Test
    void smallMessagesReserveLittle() {
        MessageMemoryBudget budget = new MessageMemoryBudget(1 << 20);
        MailData data = new MailData(budget, 50 << 20);
        data.append(Unpooled.wrappedBuffer(new byte[4_000]));
        assertThat(budget.reserved()).isEqualTo(MailData.FIRST_SEGMENT);
        data.append(Unpooled.wrappedBuffer(new byte[10_000]));
        assertThat(budget.reserved()).isEqualTo(3L * MailData.FIRST_SEGMENT); // 8 KiB, then 16 KiB
    }
}
