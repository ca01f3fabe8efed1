package io.mailplatform.bench.pop3;

import java.util.Arrays;
import java.util.Locale;

/**
 * One client retrieving a maildrop with RETR, one message after another (the next RETR only once
 * the previous answer has ended), against any running POP3 server: ours (platform.sh) or the
 * reference (anchors.sh). Reports, per round, messages per second and the latency of each RETR
 * (p50, p90, p99, max) and the slowest message numbers, which show where a server pays for a store
 * round trip (e.g. at the start of each read-ahead window). Nothing is deleted.
 *
 * <p>Arguments: {@code host port user password [rounds=5] [messages=all]}, e.g.
 * {@code 127.0.0.1 26110 pop1@example.test pass 5} or {@code 127.0.0.1 10110 pop1 pass 5}.
 */
public final class Pop3RetrLatency {
    private Pop3RetrLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: Pop3RetrLatency host port user password [rounds] [messages]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        int limit = args.length > 5 ? Integer.parseInt(args[5]) : Integer.MAX_VALUE;
        double[] rates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long[] nanos;
            try (Pop3BenchClient client = Pop3BenchClient.plain(host, port)) {
                nanos = client.retrieveEach(args[2], args[3], limit);
            }
            rates[round] = report(round + 1, nanos);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "median of %d rounds: %.0f msgs/s%n", rounds, rates[rounds / 2]);
    }

    private static double report(int round, long[] nanos) {
        long total = Arrays.stream(nanos).sum();
        Integer[] slowest = new Integer[nanos.length];
        Arrays.setAll(slowest, i -> i);
        Arrays.sort(slowest, (a, b) -> Long.compare(nanos[b], nanos[a]));
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        StringBuilder worst = new StringBuilder();
        for (int i = 0; i < Math.min(8, slowest.length); i++) {
            worst.append(' ').append(slowest[i] + 1).append(String.format(Locale.ROOT, "(%.2f)", nanos[slowest[i]] / 1e6));
        }
        double rate = nanos.length / (total / 1e9);
        System.out.printf(Locale.ROOT, "round %d: %d RETR in %.3f s = %.0f msgs/s; ms p50 %.3f p90 %.3f p99 %.3f max %.3f;"
                + " slowest:%s%n", round, nanos.length, total / 1e9, rate, at(sorted, 0.5), at(sorted, 0.9),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6, worst);
        return rate;
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }
}
