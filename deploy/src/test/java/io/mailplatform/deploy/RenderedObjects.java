package io.mailplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * The objects of a rendered kustomization ({@code kubectl kustomize}), and what exists once they
 * are applied: their own Secrets, ConfigMaps and Services, and those the operators of the custom
 * resources create (CloudNativePG, Strimzi, cert-manager, External Secrets).
 */
final class RenderedObjects {
    final List<Map<String, Object>> objects;
    /** Secret name to its keys (null: keys not known). */
    final Map<String, Set<String>> secrets = new HashMap<>();
    /** ConfigMap name to its data. */
    final Map<String, Map<String, String>> configMaps = new HashMap<>();
    final Set<String> services = new HashSet<>();

    private RenderedObjects(List<Map<String, Object>> objects) {
        this.objects = objects;
        for (Map<String, Object> object : objects) {
            String name = string(object, "metadata", "name");
            Map<String, Object> spec = map(object.get("spec"));
            switch (kind(object)) {
                case "Secret" -> {
                    Set<String> keys = new HashSet<>(map(object.get("data")).keySet());
                    keys.addAll(map(object.get("stringData")).keySet());
                    secrets.put(name, keys);
                }
                case "ConfigMap" -> {
                    Map<String, String> data = new LinkedHashMap<>();
                    map(object.get("data")).forEach((key, value) -> data.put(key, String.valueOf(value)));
                    configMaps.put(name, data);
                }
                case "Service" -> services.add(name);
                // https://cloudnative-pg.io/documentation/current/service_management/ and .../certificates/
                case "Cluster" -> {
                    services.addAll(List.of(name + "-rw", name + "-ro", name + "-r"));
                    secrets.put(name + "-ca", Set.of("ca.crt", "ca.key"));
                    secrets.put(name + "-app", Set.of("username", "password", "uri", "host", "port", "dbname"));
                }
                // Strimzi: the bootstrap service and the cluster CA's public certificate
                case "Kafka" -> {
                    services.addAll(List.of(name + "-kafka-bootstrap", name + "-kafka-brokers"));
                    secrets.put(name + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
                }
                case "KafkaUser" -> secrets.put(name, Set.of("password", "sasl.jaas.config"));
                case "Certificate" -> secrets.put(String.valueOf(spec.get("secretName")), Set.of("tls.crt", "tls.key", "ca.crt"));
                case "ExternalSecret" -> {
                    Map<String, Object> target = map(spec.get("target"));
                    Set<String> keys = new HashSet<>();
                    list(spec.get("data")).forEach(data -> keys.add(String.valueOf(map(data).get("secretKey"))));
                    keys.addAll(map(map(target.get("template")).get("data")).keySet());
                    secrets.put(String.valueOf(target.getOrDefault("name", name)), keys);
                }
                default -> { }
            }
        }
    }

    /** Renders a kustomization with {@code kubectl kustomize}. */
    static RenderedObjects render(Path kustomization) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectErrorStream(true).start();
            String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed:\n" + output);
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : new Yaml().loadAll(output)) {
                if (document != null) {
                    objects.add(map(document));
                }
            }
            return new RenderedObjects(objects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean kubectlAvailable() {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            kubectl.getInputStream().readAllBytes();
            return kubectl.waitFor(30, TimeUnit.SECONDS) && kubectl.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(kind(object))).toList();
    }

    /** The Deployment and StatefulSet objects, whose pod templates are checked alike. */
    List<Map<String, Object>> workloads() {
        return objects.stream().filter(object -> List.of("Deployment", "StatefulSet").contains(kind(object))).toList();
    }

    static String kind(Map<String, Object> object) {
        return String.valueOf(object.get("kind"));
    }

    static String name(Map<String, Object> object) {
        return string(object, "metadata", "name");
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("labels"));
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(podSpec(workload).get("containers")).stream().map(RenderedObjects::map).toList();
    }

    static String string(Map<String, Object> object, String... path) {
        Object current = object;
        for (String step : path) {
            current = map(current).get(step);
        }
        return current == null ? null : String.valueOf(current);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
