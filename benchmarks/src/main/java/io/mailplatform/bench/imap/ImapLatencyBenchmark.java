package io.mailplatform.bench.imap;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times IMAP commands on large mailboxes, end to end over a socket: SELECT of a 100,000-message
 * mailbox, FETCH 1:* (FLAGS ENVELOPE) over 10,000 messages, SEARCH TEXT and other searches over
 * 100,000 messages. Each is run a few times to warm up, then measured; the median, the 90th
 * percentile and the fastest run are printed.
 *
 * <pre>
 * MAIL_TEST_DATABASE_URL='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' \
 *   java -cp ... io.mailplatform.bench.imap.ImapLatencyBenchmark [messages]
 * </pre>
 */
public final class ImapLatencyBenchmark {
    private ImapLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int medium = 10_000;
        try (BenchImapServer server = BenchImapServer.start()) {
            double largeFill = server.fill("INBOX", large, new BenchMessages(1));
            double mediumFill = server.fill("Ten", medium, new BenchMessages(2));
            System.out.printf(Locale.ROOT, "imported %,d messages in %.1f s (%,.0f/s), %,d in %.1f s%n", large, largeFill,
                    large / largeFill, medium, mediumFill);
            try (BenchImapClient client = BenchImapClient.login("127.0.0.1", server.port())) {
                report("SELECT INBOX (" + large + " messages)", time(client, "SELECT INBOX", 3, 15));
                report("EXAMINE INBOX (" + large + " messages)", time(client, "EXAMINE INBOX", 3, 15));
                client.command("SELECT Ten");
                long before = client.bytesRead();
                client.command("FETCH 1:* (FLAGS ENVELOPE)");
                long responseBytes = client.bytesRead() - before;
                double[] fetch = time(client, "FETCH 1:* (FLAGS ENVELOPE)", 2, 10);
                report("FETCH 1:* (FLAGS ENVELOPE) over " + medium + " (" + responseBytes / 1024 + " KB)", fetch);
                System.out.printf(Locale.ROOT, "    = %,.0f messages/s%n", medium / (median(fetch) / 1000));
                report("FETCH 1:* (UID FLAGS) over " + medium, time(client, "FETCH 1:* (UID FLAGS)", 2, 10));
                report("FETCH 1:200 BODY.PEEK[HEADER] over " + medium, time(client, "FETCH 1:200 BODY.PEEK[HEADER]", 2, 10));
                // part of a word: in mailboxes up to mail.imap.limits.substring-search-max-messages
                String infix = BenchMessages.RARE.substring(1, BenchMessages.RARE.length() - 1);
                report("SEARCH TEXT " + infix + " (part of a word, 0.1% match) over " + medium,
                        time(client, "SEARCH TEXT " + infix, 2, 10));
                report("SEARCH TEXT " + BenchMessages.RARE + " (0.1% match) over " + medium,
                        time(client, "SEARCH TEXT " + BenchMessages.RARE, 2, 10));
                client.command("SELECT INBOX");
                report("SEARCH TEXT " + BenchMessages.RARE + " (0.1% match) over " + large,
                        time(client, "SEARCH TEXT " + BenchMessages.RARE, 2, 10));
                report("SEARCH TEXT " + BenchMessages.COMMON + " (20% match) over " + large,
                        time(client, "SEARCH TEXT " + BenchMessages.COMMON, 2, 10));
                report("SEARCH BODY " + BenchMessages.RARE + " over " + large,
                        time(client, "SEARCH BODY " + BenchMessages.RARE, 2, 10));
                report("SEARCH FROM sender42@ over " + large, time(client, "SEARCH FROM sender42@", 2, 10));
                report("SEARCH UNSEEN over " + large, time(client, "SEARCH UNSEEN", 2, 10));
                report("UID SEARCH RETURN (COUNT) SINCE 1-Jun-2026 over " + large,
                        time(client, "UID SEARCH RETURN (COUNT) SINCE 1-Jun-2026", 2, 10));
                report("STATUS INBOX (MESSAGES UNSEEN SIZE) over " + large,
                        time(client, "STATUS INBOX (MESSAGES UNSEEN SIZE)", 2, 10));
                report("NOOP on a " + large + "-message mailbox", time(client, "NOOP", 10, 100));
            }
        }
        System.exit(0);
    }

    static double[] time(BenchImapClient client, String command, int warmups, int runs) throws Exception {
        for (int i = 0; i < warmups; i++) {
            client.command(command);
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            client.command(command);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static double median(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static void report(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-62s median %8.1f ms  p90 %8.1f ms  min %8.1f ms%n", what,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.9) - 1], sorted[0]);
    }
}
