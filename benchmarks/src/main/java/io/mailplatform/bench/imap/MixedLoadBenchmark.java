package io.mailplatform.bench.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent mixed IMAP load without imaptest, close to its stress mode: CLIENTS sessions, session i
 * logged in as USERFMT with i (1..CLIENTS), INBOX selected, each repeating for SECONDS: APPEND of a
 * message with a keyword, FETCH 1:* FLAGS, UID FETCH of a random message's body, STORE +FLAGS of
 * \Seen or a keyword on a random message, STORE +FLAGS \Deleted on another, EXPUNGE, STATUS and
 * LIST. Every command waits for its tagged OK (a NO or BAD ends the run), TCP_NODELAY on. Prints
 * commands per second and the median and p99 latency of each command.
 *
 * <pre>MixedLoadBenchmark HOST PORT USERFMT PASSWORD [CLIENTS (10)] [SECONDS (20)]</pre>
 *
 * For example {@code MixedLoadBenchmark 127.0.0.1 26143 user%d@example.test pass 10 20} against the
 * platform of benchmarks/side-by-side/platform.sh, and {@code ... 10143 user%d pass ...} against the
 * Dovecot reference.
 */
public final class MixedLoadBenchmark {
    private static final List<String> COMMANDS = List.of("APPEND", "FETCH FLAGS", "FETCH BODY", "STORE", "STORE DELETED",
            "EXPUNGE", "STATUS", "LIST");

    private MixedLoadBenchmark() {
    }

    /** Latencies of one command, in microseconds. */
    private static final class Samples {
        private long[] micros = new long[1024];
        private int size;

        synchronized void add(long value) {
            if (size == micros.length) {
                micros = Arrays.copyOf(micros, size * 2);
            }
            micros[size++] = value;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(micros, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: MixedLoadBenchmark HOST PORT USERFMT PASSWORD [CLIENTS] [SECONDS]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        Map<String, Samples> samples = new ConcurrentHashMap<>();
        COMMANDS.forEach(name -> samples.put(name, new Samples()));
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong deadline = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            String user = String.format(args[2], i);
            Thread thread = new Thread(() -> {
                try (BenchImapClient client = BenchImapClient.login(host, port, user, args[3], true)) {
                    int exists = exists(client.command("SELECT INBOX"), 0);
                    ready.countDown();
                    go.await();
                    run(client, samples, deadline.get(), exists);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    ready.countDown();
                }
            }, "client-" + i);
            thread.start();
            threads.add(thread);
        }
        ready.await();
        deadline.set(System.nanoTime() + seconds * 1_000_000_000L);
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            System.err.println(failures.size() + " session(s) failed, the first: " + failures.get(0));
        }
        Map<String, long[]> sorted = new TreeMap<>();
        samples.forEach((name, s) -> sorted.put(name, s.sorted()));
        long total = 0;
        for (String name : COMMANDS) {
            long[] micros = sorted.get(name);
            total += micros.length;
            System.out.printf("%-14s %7.1f/s  median %7.2f ms  p99 %8.2f ms%n", name, micros.length / (double) seconds,
                    percentile(micros, 0.5), percentile(micros, 0.99));
        }
        System.out.printf("all commands   %7.1f/s over %d clients, %d s%n", total / (double) seconds, clients, seconds);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1000.0;
    }

    private static void run(BenchImapClient client, Map<String, Samples> samples, long deadline, int selected)
            throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int exists = selected;
        while (System.nanoTime() < deadline) {
            byte[] message = ("From: load" + random.nextInt(100) + "@example.org\r\nTo: user@example.test\r\n"
                    + "Subject: mixed load " + random.nextInt(1_000_000) + "\r\n\r\n"
                    + "word ".repeat(50 + random.nextInt(400)) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            exists = exists(client.append("INBOX", "$Label" + random.nextInt(1, 6), message, false), exists);
            start = record(samples, "APPEND", start);
            exists = exists(client.command("FETCH 1:* (FLAGS)"), exists);
            start = record(samples, "FETCH FLAGS", start);
            if (exists > 0) {
                exists = exists(client.command("FETCH " + random.nextInt(1, exists + 1) + " (UID BODY.PEEK[])"), exists);
                start = record(samples, "FETCH BODY", start);
                String flag = random.nextBoolean() ? "\\Seen" : "$Label" + random.nextInt(1, 6);
                exists = exists(client.command("STORE " + random.nextInt(1, exists + 1) + " +FLAGS (" + flag + ")"), exists);
                start = record(samples, "STORE", start);
                exists = exists(client.command("STORE " + random.nextInt(1, exists + 1) + " +FLAGS.SILENT (\\Deleted)"),
                        exists);
                start = record(samples, "STORE DELETED", start);
            }
            exists = exists(client.command("EXPUNGE"), exists);
            start = record(samples, "EXPUNGE", start);
            exists = exists(client.command("STATUS INBOX (MESSAGES UNSEEN)"), exists);
            start = record(samples, "STATUS", start);
            exists = exists(client.command("LIST \"\" *"), exists);
            record(samples, "LIST", start);
        }
    }

    private static long record(Map<String, Samples> samples, String name, long start) {
        long now = System.nanoTime();
        samples.get(name).add((now - start) / 1000);
        return now;
    }

    /** Follows EXISTS and EXPUNGE responses, so that message numbers stay valid. */
    private static int exists(List<String> lines, int exists) {
        int count = exists;
        for (String line : lines) {
            if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                count = Integer.parseInt(line.substring(2, line.length() - " EXISTS".length()));
            } else if (line.startsWith("* ") && line.endsWith(" EXPUNGE")) {
                count--;
            }
        }
        return Math.max(count, 0);
    }
}
