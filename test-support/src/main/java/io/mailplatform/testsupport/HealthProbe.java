package io.mailplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks a service's actuator for a health group (or every check) over HTTP, as a Kubernetes probe or a compose
 * healthcheck does: {@code GET /actuator/health/<group>} on the management port.
 *
 * @param httpStatus 200 when the group is UP, 503 otherwise
 * @param status the group's aggregated status (UP, DOWN, OUT_OF_SERVICE)
 * @param components the status of each member of the group, by name
 */
public record HealthProbe(int httpStatus, String status, Map<String, String> components) {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Asserts that the readiness group answers 200 with exactly these members, each UP. */
    public static void assertReady(int managementPort, String... members) {
        HealthProbe readiness = get(managementPort, "readiness");
        assertThat(readiness.httpStatus()).as("readiness %s", readiness).isEqualTo(200);
        assertThat(readiness.components()).containsExactlyInAnyOrderEntriesOf(
                Arrays.stream(members).collect(Collectors.toMap(Function.identity(), member -> "UP")));
    }

    /** The health group {@code group}: {@code GET /actuator/health/<group>}. */
    public static HealthProbe get(int managementPort, String group) {
        return probe(managementPort, "/actuator/health/" + group);
    }

    /** Every check of the service, group or not: {@code GET /actuator/health}. */
    public static HealthProbe overall(int managementPort) {
        return probe(managementPort, "/actuator/health");
    }

    private static HealthProbe probe(int managementPort, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(15)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Map<String, Object>> members = JsonPath.read(response.body(), "$.components");
            Map<String, String> components = new TreeMap<>();
            members.forEach((name, health) -> components.put(name, String.valueOf(health.get("status"))));
            return new HealthProbe(response.statusCode(), JsonPath.read(response.body(), "$.status"), components);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
