package io.mailplatform.bench.soak;

import io.mailplatform.bench.soak.LatencyRecorder.Percentiles;

/** One row of the soak's table: counters so far, rates and latencies of the interval, the platform's JVM. */
record SoakSample(double seconds, long sent, long accepted, long delivered, double sentPerSecond,
        double deliveredPerSecond, Percentiles smtp, Percentiles delivery, Percentiles fetch, Percentiles retr,
        JvmMetrics jvm, long errors) {

    static final String CSV_HEADER = "seconds,sent,accepted,delivered,sent_per_s,delivered_per_s,smtp_p50_ms,smtp_p99_ms,"
            + "delivery_p50_ms,delivery_p99_ms,fetch_p50_ms,fetch_p99_ms,retr_p50_ms,retr_p99_ms,heap_mb,gc_count,gc_ms,"
            + "cpu,errors";

    String csv() {
        return String.join(",", f(seconds, 0), Long.toString(sent), Long.toString(accepted), Long.toString(delivered),
                f(sentPerSecond, 1), f(deliveredPerSecond, 1), f(smtp.p50(), 2), f(smtp.p99(), 2), f(delivery.p50(), 1),
                f(delivery.p99(), 1), f(fetch.p50(), 2), f(fetch.p99(), 2), f(retr.p50(), 2), f(retr.p99(), 2),
                f(heapMb(), 1), Long.toString(jvm.gcCount()), f(jvm.gcSeconds() * 1000, 0), f(jvm.cpu(), 2),
                Long.toString(errors));
    }

    String markdown() {
        return "| " + csv().replace(",", " | ") + " |";
    }

    double heapMb() {
        return jvm.heapBytes() / (1024 * 1024);
    }

    static String f(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }
}
