package io.mailplatform.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The platform's heap and GC as its Prometheus endpoint shows them: {@code jvm_memory_used_bytes} of
 * the heap areas summed, {@code jvm_gc_pause_seconds} count and sum over all collectors and causes,
 * and {@code process_cpu_usage}.
 */
record JvmMetrics(double heapBytes, long gcCount, double gcSeconds, double cpu) {

    static final class Scraper {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI uri;

        Scraper(String url) {
            this.uri = URI.create(url);
        }

        JvmMetrics scrape() throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered HTTP " + response.statusCode());
            }
            return parse(response.body());
        }
    }

    static JvmMetrics parse(String exposition) {
        double heap = 0;
        double gcCount = 0;
        double gcSeconds = 0;
        double cpu = Double.NaN;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String name = line.substring(0, space);
            double value = Double.parseDouble(line.substring(space + 1));
            if (name.startsWith("jvm_memory_used_bytes{") && name.contains("area=\"heap\"")) {
                heap += value;
            } else if (name.startsWith("jvm_gc_pause_seconds_count")) {
                gcCount += value;
            } else if (name.startsWith("jvm_gc_pause_seconds_sum")) {
                gcSeconds += value;
            } else if (name.equals("process_cpu_usage") || name.startsWith("process_cpu_usage{")) {
                cpu = value;
            }
        }
        return new JvmMetrics(heap, (long) gcCount, gcSeconds, cpu);
    }
}
