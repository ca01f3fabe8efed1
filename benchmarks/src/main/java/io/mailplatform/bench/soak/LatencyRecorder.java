package io.mailplatform.bench.soak;

import java.util.Arrays;

/** Latencies of one kind: those of the current interval, handed out and reset per sample, and all of them. */
final class LatencyRecorder {
    private long[] interval = new long[1024];
    private int intervalCount;
    private long[] all = new long[1024];
    private int allCount;

    synchronized void record(long nanos) {
        if (intervalCount == interval.length) {
            interval = Arrays.copyOf(interval, interval.length * 2);
        }
        interval[intervalCount++] = nanos;
        if (allCount == all.length) {
            all = Arrays.copyOf(all, all.length * 2);
        }
        all[allCount++] = nanos;
    }

    /** The interval's latencies, sorted; starts the next interval. */
    synchronized Percentiles takeInterval() {
        long[] taken = Arrays.copyOf(interval, intervalCount);
        intervalCount = 0;
        return Percentiles.of(taken);
    }

    synchronized Percentiles total() {
        return Percentiles.of(Arrays.copyOf(all, allCount));
    }

    /** p50, p99 and the maximum in milliseconds (NaN when nothing was recorded) and how many there were. */
    record Percentiles(int count, double p50, double p99, double max) {
        static Percentiles of(long[] nanos) {
            Arrays.sort(nanos);
            if (nanos.length == 0) {
                return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Percentiles(nanos.length, at(nanos, 0.50), at(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
        }

        private static double at(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }
}
