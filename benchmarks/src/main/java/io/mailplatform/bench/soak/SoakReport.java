package io.mailplatform.bench.soak;

import io.mailplatform.bench.soak.LatencyRecorder.Percentiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The soak's output: soak.csv (a row per sample, written as it goes), soak.md (summary and table), soak.png. */
final class SoakReport {
    private final Path directory;
    private final List<SoakSample> samples = new ArrayList<>();

    SoakReport(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("soak.csv"), SoakSample.CSV_HEADER + "\n");
    }

    void add(SoakSample sample) throws IOException {
        samples.add(sample);
        Files.writeString(directory.resolve("soak.csv"), sample.csv() + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    void write(Summary summary) throws IOException {
        StringBuilder md = new StringBuilder("# Soak\n\n").append(summary.markdown(samples)).append("\n## Over time\n\n| ")
                .append(SoakSample.CSV_HEADER.replace(",", " | ")).append(" |\n|")
                .append(" --- |".repeat(SoakSample.CSV_HEADER.split(",").length)).append('\n');
        for (SoakSample sample : samples) {
            md.append(sample.markdown()).append('\n');
        }
        Files.writeString(directory.resolve("soak.md"), md);
        SoakChart.write(samples, directory.resolve("soak.png"));
    }

    /** The run's totals. Clean means no errors, nothing lost, duplicated or delivered without a 250. */
    record Summary(SoakOptions options, long sent, long accepted, long refused, long delivered, long lost,
            long duplicates, long unexpected, long errors, Percentiles smtp, Percentiles delivery, Percentiles fetch,
            Percentiles retr, List<String> firstErrors) {

        boolean clean() {
            return errors == 0 && lost == 0 && duplicates == 0 && unexpected == 0 && accepted == delivered;
        }

        String text() {
            return String.format(Locale.ROOT, "soak: sent %d, accepted %d, refused %d, delivered %d, lost %d, duplicates %d, "
                            + "delivered without a 250 %d, errors %d; SMTP 250 p50 %.2f / p99 %.2f ms, delivery p50 %.1f / p99 "
                            + "%.1f ms, FETCH p50 %.2f / p99 %.2f ms, RETR p50 %.2f / p99 %.2f ms", sent, accepted, refused,
                    delivered, lost, duplicates, unexpected, errors, smtp.p50(), smtp.p99(), delivery.p50(), delivery.p99(),
                    fetch.p50(), fetch.p99(), retr.p50(), retr.p99());
        }

        String markdown(List<SoakSample> samples) {
            List<SoakSample> loaded = samples.stream().filter(s -> s.seconds() <= options.duration().toSeconds() + 1)
                    .collect(Collectors.toList());
            double heapMin = samples.stream().mapToDouble(SoakSample::heapMb).filter(h -> !Double.isNaN(h)).min().orElse(Double.NaN);
            double heapMax = samples.stream().mapToDouble(SoakSample::heapMb).filter(h -> !Double.isNaN(h)).max().orElse(Double.NaN);
            JvmMetrics first = samples.isEmpty() ? null : samples.get(0).jvm();
            JvmMetrics last = samples.isEmpty() ? null : samples.get(samples.size() - 1).jvm();
            double seconds = options.duration().toSeconds();
            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "%.1f messages/s of %d-%d octets for %d s over %d SMTP sessions; %d IMAP "
                            + "accounts (IDLE, FETCH, STORE), %d POP3 accounts (RETR, DELE every %d s)%n%n", options.rate(),
                    options.minSize(), options.maxSize(), options.duration().toSeconds(), options.smtpSessions(),
                    options.imapAccounts(), options.pop3Accounts(), options.pop3Poll().toSeconds()));
            md.append("| figure | value |\n| --- | --- |\n");
            row(md, "sent / accepted / refused", sent + " / " + accepted + " / " + refused);
            row(md, "delivered / lost / duplicated / without a 250", delivered + " / " + lost + " / " + duplicates + " / " + unexpected);
            row(md, "errors", Long.toString(errors));
            row(md, "throughput accepted", String.format(Locale.ROOT, "%.2f messages/s", accepted / seconds));
            row(md, "throughput delivered, per-interval min-max while sending", String.format(Locale.ROOT, "%.1f-%.1f messages/s",
                    loaded.stream().mapToDouble(SoakSample::deliveredPerSecond).min().orElse(Double.NaN),
                    loaded.stream().mapToDouble(SoakSample::deliveredPerSecond).max().orElse(Double.NaN)));
            row(md, "SMTP 250 after the data, p50 / p99 / max", latency(smtp));
            row(md, "delivery, 250 to IDLE EXISTS, p50 / p99 / max", latency(delivery));
            row(md, "IMAP UID FETCH of the new messages, p50 / p99 / max", latency(fetch));
            row(md, "POP3 RETR, p50 / p99 / max", latency(retr));
            row(md, "heap used, min / max (samples)", String.format(Locale.ROOT, "%.0f / %.0f MiB", heapMin, heapMax));
            if (first != null) {
                row(md, "GC pauses from the first sample to the last, count / total", String.format(Locale.ROOT, "%d / %.0f ms",
                        last.gcCount() - first.gcCount(), (last.gcSeconds() - first.gcSeconds()) * 1000));
            }
            for (String error : firstErrors) {
                md.append("\n- ").append(error);
            }
            return md.append('\n').toString();
        }

        private static void row(StringBuilder md, String name, String value) {
            md.append("| ").append(name).append(" | ").append(value).append(" |\n");
        }

        private static String latency(Percentiles p) {
            return String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms (%d)", p.p50(), p.p99(), p.max(), p.count());
        }
    }
}
