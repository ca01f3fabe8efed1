package io.mailplatform.testsupport.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.LineClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Many commands written in one go on one connection (a pipelining client gone mad): one thread
 * writes them all in a single write, another counts the replies as they come, so that neither side
 * waits for the other and the server's own back-pressure is what is tested. The test meanwhile
 * serves another client and then collects the {@link Outcome}.
 */
public final class PipelinedFlood {
    /** What the flooding connection saw: replies counted, the last line, and whether it ended at the server's close. */
    public record Outcome(int replies, String lastLine, boolean closedByServer, IOException writeFailure) {
    }

    private final AtomicInteger replies = new AtomicInteger();
    private final AtomicReference<String> lastLine = new AtomicReference<>();
    private final CountDownLatch firstReplies = new CountDownLatch(1);
    private final CompletableFuture<IOException> written;
    private final CompletableFuture<Boolean> read;

    private PipelinedFlood(LineClient client, byte[] commands, Predicate<String> isReply, int expected, int startedAfter) {
        written = CompletableFuture.supplyAsync(() -> {
            try {
                client.write(commands);
                return null;
            } catch (IOException e) {
                return e; // the server closed the connection before it took every command
            }
        }, runner("flood-writer"));
        read = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = client.readLine()) != null) {
                    lastLine.set(line);
                    if (isReply.test(line) && replies.incrementAndGet() >= startedAfter) {
                        firstReplies.countDown();
                        if (replies.get() >= expected) {
                            return false;
                        }
                    }
                }
                return true;
            } catch (IOException e) {
                return true; // a reset after the server closed with commands still unread
            } finally {
                firstReplies.countDown();
            }
        }, runner("flood-reader"));
    }

    private static java.util.concurrent.Executor runner(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * Writes {@code copies} times {@code command} (CRLF appended) in one write on the client and reads
     * until {@code copies} replies matching {@code isReply} came or the server closed the connection.
     */
    public static PipelinedFlood start(LineClient client, String command, int copies, Predicate<String> isReply) {
        byte[] one = (command + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[one.length * copies];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return new PipelinedFlood(client, all, isReply, copies, Math.min(copies, 1000));
    }

    /** What another client does while the flood is on; it makes its own assertions. */
    @FunctionalInterface
    public interface Meanwhile {
        void run() throws Exception;
    }

    /**
     * Floods the connection with {@code copies} commands and, once the server is busy with them,
     * runs the well-behaved client; then asserts that every command was answered, every byte of the
     * flood went out, and the heap grew by less than {@code maxHeapGrowth} bytes from
     * {@code heapBefore} (taken by the caller before it connected) while the flood was on.
     */
    public static void assertEachAnsweredWhileServing(LineClient client, String command, int copies,
            Predicate<String> isReply, Meanwhile meanwhile, long heapBefore, long maxHeapGrowth, Duration finishWithin)
            throws Exception {
        PipelinedFlood flood = start(client, command, copies, isReply).awaitUnderway(Duration.ofSeconds(30));
        meanwhile.run();
        long grown = Heap.usedAfterGc() - heapBefore;
        Outcome outcome = flood.finish(finishWithin);
        assertThat(outcome.replies()).isEqualTo(copies);
        assertThat(outcome.writeFailure()).isNull();
        assertThat(grown).as("heap growth during the flood").isLessThan(maxHeapGrowth);
    }

    /** Waits until the server has answered the first thousand commands (so it is busy with the rest). */
    public PipelinedFlood awaitUnderway(Duration timeout) throws InterruptedException {
        if (!firstReplies.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the flood got no replies within " + timeout + "; last line: " + lastLine.get());
        }
        return this;
    }

    /** The replies counted so far. */
    public int replies() {
        return replies.get();
    }

    /** Waits for both sides to finish. */
    public Outcome finish(Duration timeout) throws Exception {
        boolean closed = read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        IOException failure = written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new Outcome(replies.get(), lastLine.get(), closed, failure);
    }
}
