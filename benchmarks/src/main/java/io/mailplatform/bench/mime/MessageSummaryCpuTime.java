package io.mailplatform.bench.mime;

import io.mailplatform.core.mime.MessageSummaryCodec;
import io.mailplatform.core.mime.MessageSummaryParser;
import io.mailplatform.store.mailbox.SummaryColumns;
import io.mailplatform.testsupport.mime.ReferenceMessages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntSupplier;

/**
 * The parser's cost in CPU time per message, measured with the thread's CPU clock: on a shared
 * machine, where other processes inflate wall-clock figures (and JMH's), this is the figure that
 * says how much of a core parsing takes. Prints CPU and wall time per operation for 10 KiB and
 * 100 KiB realistic messages after a warm-up.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench.cp)" io.mailplatform.bench.mime.MessageSummaryCpuTime
 * </pre>
 */
public final class MessageSummaryCpuTime {
    private MessageSummaryCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int size : new int[] {10 * 1024, 100 * 1024}) {
            byte[] message = ReferenceMessages.realistic(size, 42);
            byte[] stored = MessageSummaryCodec.encode(MessageSummaryParser.parse(message).withoutSearchText());
            int operations = size > 50_000 ? 2_000 : 20_000;
            measure(threads, "parse", size, operations, () -> MessageSummaryParser.parse(message).searchText().length());
            measure(threads, "summaryColumns", size, operations, () -> SummaryColumns.of(message).summary().length);
            measure(threads, "decode", size, operations * 10, () -> MessageSummaryCodec.decode(stored).size());
            measure(threads, "decodeEnvelope", size, operations * 10,
                    () -> MessageSummaryCodec.decodeEnvelope(stored).to().size());
        }
    }

    private static void measure(ThreadMXBean threads, String name, int size, int operations, IntSupplier work) {
        long sink = 0;
        for (int round = 0; round < 3; round++) { // warm-up
            for (int i = 0; i < operations; i++) {
                sink += work.getAsInt();
            }
        }
        long bestCpu = Long.MAX_VALUE;
        long bestWall = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < operations; i++) {
                sink += work.getAsInt();
            }
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - cpu);
            bestWall = Math.min(bestWall, System.nanoTime() - wall);
        }
        System.out.printf("%-15s %7d octets: %8.2f us/op CPU, %8.2f us/op wall (best of 5 x %d ops; %d)%n", name, size,
                bestCpu / 1000.0 / operations, bestWall / 1000.0 / operations, operations, sink % 10);
    }
}
