package io.mailplatform.bench.imap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * APPEND latency for a client that leaves Nagle's algorithm on and writes a synchronizing literal
 * and its closing CRLF in two writes, as Python's imaplib does: the CRLF waits until the literal
 * is acknowledged, so a server that delays its ACK stalls every APPEND by the delayed-ACK timeout
 * (40 ms or more on Linux). For comparison the same client then sends literal and CRLF in one
 * write. Runs against any server (ours, or the Dovecot reference of benchmarks/side-by-side):
 *
 * <pre>NagleAppendBenchmark HOST PORT USER PASSWORD [APPENDS (200)] [SIZE (1000)]</pre>
 */
public final class NagleAppendBenchmark {
    private NagleAppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: NagleAppendBenchmark HOST PORT USER PASSWORD [APPENDS] [SIZE]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int appends = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        int size = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        byte[] message = ("From: nagle@example.org\r\nTo: bench@example.test\r\nSubject: Nagle\r\n\r\n"
                + "x".repeat(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (boolean split : new boolean[] {true, false}) {
            try (BenchImapClient client = BenchImapClient.login(host, port, args[2], args[3], false)) {
                for (int i = 0; i < Math.min(20, appends); i++) {
                    client.append("INBOX", "", message, split); // warm-up
                }
                double[] millis = new double[appends];
                for (int i = 0; i < appends; i++) {
                    long start = System.nanoTime();
                    client.append("INBOX", "", message, split);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(millis);
                System.out.printf("Nagle on, literal and CRLF in %s: %d APPENDs of %d octets, median %.2f ms,"
                        + " p90 %.2f ms, p99 %.2f ms%n", split ? "two writes" : "one write", appends, message.length,
                        millis[appends / 2], millis[(int) (appends * 0.9)], millis[(int) (appends * 0.99)]);
            }
        }
    }
}
