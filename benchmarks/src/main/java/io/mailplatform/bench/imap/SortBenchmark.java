package io.mailplatform.bench.imap;

import java.util.Locale;

/**
 * Times IMAP SORT (RFC 5256) end to end over a socket on a 100,000-message mailbox: by DATE, by
 * SUBJECT (base subject), by REVERSE ARRIVAL, with search criteria, and with ESORT's RETURN (COUNT
 * MIN MAX), which sends a few numbers instead of 100,000. The first SORT of the imported mailbox
 * is timed on its own; the others are the median, 90th percentile and fastest of 10 runs after 2
 * warm-ups.
 *
 * <pre>
 * MAIL_TEST_DATABASE_URL='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' \
 *   java -cp ... io.mailplatform.bench.imap.SortBenchmark [messages]
 * </pre>
 */
public final class SortBenchmark {
    private static final String[] COMMANDS = {"SORT (DATE) UTF-8 ALL", "SORT (SUBJECT) UTF-8 ALL",
        "SORT (REVERSE ARRIVAL) UTF-8 ALL", "SORT (FROM DATE) UTF-8 UNSEEN", "SORT RETURN (COUNT MIN MAX) (DATE) UTF-8 ALL",
        "SORT RETURN (COUNT MIN MAX) (SUBJECT) UTF-8 ALL"};

    private SortBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (BenchImapServer server = BenchImapServer.start()) {
            double fill = server.fill("INBOX", messages, new BenchMessages(1));
            System.out.printf(Locale.ROOT, "imported %,d messages in %.1f s%n", messages, fill);
            try (BenchImapClient client = BenchImapClient.login("127.0.0.1", server.port())) {
                client.command("SELECT INBOX");
                String over = " over " + messages;
                long start = System.nanoTime();
                long before = client.bytesRead();
                client.command("SORT (DATE) UTF-8 ALL");
                System.out.printf(Locale.ROOT, "first SORT (DATE) after the import: %.1f ms, %d KB response%n",
                        (System.nanoTime() - start) / 1e6, (client.bytesRead() - before) / 1024);
                for (String command : COMMANDS) {
                    ImapLatencyBenchmark.report(command + over, ImapLatencyBenchmark.time(client, command, 2, 10));
                }
            }
        }
        System.exit(0);
    }
}
