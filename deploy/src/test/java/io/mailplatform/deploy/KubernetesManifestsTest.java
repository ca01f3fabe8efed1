package io.mailplatform.deploy;

import static io.mailplatform.deploy.RenderedObjects.containers;
import static io.mailplatform.deploy.RenderedObjects.list;
import static io.mailplatform.deploy.RenderedObjects.map;
import static io.mailplatform.deploy.RenderedObjects.name;
import static io.mailplatform.deploy.RenderedObjects.podLabels;
import static io.mailplatform.deploy.RenderedObjects.podSpec;
import static io.mailplatform.deploy.RenderedObjects.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders every overlay of {@code k8s/} with {@code kubectl kustomize} and checks the objects
 * against the code: each service's environment holds only its real configuration properties,
 * container ports are where its properties make it listen, probes ask the actuator's health
 * groups, and every ConfigMap, Secret (and key), Service and target that is referred to exists.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();
    /** JVM settings, not Spring properties. */
    private static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");
    private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:postgresql://([^:/?]+)");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Map<String, RenderedObjects> RENDERED = new ConcurrentHashMap<>();
    private static ServiceConfiguration configuration;

    @BeforeAll
    static void codeAndKubectl() {
        assumeTrue(RenderedObjects.kubectlAvailable(),
                "kubectl is not installed: the Kubernetes manifests (k8s/) were NOT checked");
        configuration = ServiceConfiguration.load();
    }

    private static RenderedObjects overlay(String name) {
        return RENDERED.computeIfAbsent(name, key -> RenderedObjects.render(K8S.resolve("overlays").resolve(key)));
    }

    /** The container of the service's Deployment. */
    private static Map<String, Object> container(RenderedObjects objects, String service) {
        Map<String, Object> deployment = objects.ofKind("Deployment").stream()
                .filter(object -> service.equals(name(object))).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + service));
        List<Map<String, Object>> containers = containers(deployment);
        assertThat(containers).as("containers of %s", service).hasSize(1);
        assertThat(string(containers.get(0), "image")).as("image of %s", service).contains("mailplatform/" + service);
        return containers.get(0);
    }

    /** The container's environment: envFrom ConfigMaps, then env (values of secrets stand as placeholders). */
    private static Map<String, String> environment(RenderedObjects objects, Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object from : list(container.get("envFrom"))) {
            String configMap = string(map(from), "configMapRef", "name");
            if (configMap != null) {
                environment.putAll(objects.configMaps.getOrDefault(configMap, Map.of()));
            }
        }
        for (Object entry : list(container.get("env"))) {
            Map<String, Object> variable = map(entry);
            String configMap = string(variable, "valueFrom", "configMapKeyRef", "name");
            String value = configMap != null
                    ? objects.configMaps.getOrDefault(configMap, Map.of()).get(string(variable, "valueFrom", "configMapKeyRef", "key"))
                    : variable.containsKey("value") ? String.valueOf(variable.get("value")) : "<from a secret>";
            environment.put(String.valueOf(variable.get("name")), value);
        }
        return environment;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyEnvironmentVariableIsAConfigurationPropertyOfItsService(String overlay) {
        RenderedObjects objects = overlay(overlay);
        List<String> unknown = new ArrayList<>();
        for (String service : ServiceConfiguration.APPLICATIONS.keySet()) {
            Map<String, String> environment = environment(objects, container(objects, service));
            Set<String> interpolated = new java.util.HashSet<>();
            environment.values().forEach(value -> {
                Matcher matcher = INTERPOLATION.matcher(String.valueOf(value));
                while (matcher.find()) {
                    interpolated.add(matcher.group(1));
                }
            });
            for (String variable : environment.keySet()) {
                if (!configuration.isProperty(service, variable) && !JVM_VARIABLES.contains(variable)
                        && !interpolated.contains(variable)) {
                    unknown.add(service + ": " + variable);
                }
            }
        }
        assertThat(unknown).as("environment variables that set no configuration property of their service").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void containerPortsAreWhereTheServicesListen(String overlay) {
        RenderedObjects objects = overlay(overlay);
        for (String service : ServiceConfiguration.APPLICATIONS.keySet()) {
            Map<String, Object> container = container(objects, service);
            Map<String, String> environment = environment(objects, container);
            Map<String, Integer> declared = new HashMap<>();
            list(container.get("ports")).forEach(port -> declared.put(string(map(port), "name"),
                    Integer.valueOf(string(map(port), "containerPort"))));
            Map<String, Integer> listening = new HashMap<>();
            ServiceConfiguration.PORT_PROPERTIES.forEach((portName, property) -> {
                if (configuration.isProperty(service, ServiceConfiguration.environmentVariable(property))) {
                    String value = configuration.effectiveValue(service, property, environment);
                    if (value != null && Integer.parseInt(value) > 0) {
                        listening.put(portName, Integer.valueOf(value));
                    }
                }
            });
            assertThat(declared).as("container ports of %s (%s)", service, overlay).isEqualTo(listening);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void probesAskTheActuatorHealthGroupsOnTheManagementPort(String overlay) {
        RenderedObjects objects = overlay(overlay);
        for (String service : ServiceConfiguration.APPLICATIONS.keySet()) {
            Map<String, Object> container = container(objects, service);
            Map<String, String> expected = Map.of("startupProbe", "liveness", "livenessProbe", "liveness",
                    "readinessProbe", "readiness");
            expected.forEach((probe, group) -> {
                assertThat(configuration.healthGroups(service)).as("health groups of %s", service).contains(group);
                assertThat(string(container, probe, "httpGet", "port")).as("%s of %s", probe, service).isEqualTo("management");
                assertThat(string(container, probe, "httpGet", "path")).as("%s of %s", probe, service)
                        .isEqualTo(configuration.healthPath(service, group));
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyReferencedConfigMapSecretAndServiceExists(String overlay) {
        RenderedObjects objects = overlay(overlay);
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> workload : objects.workloads()) {
            String where = name(workload);
            Map<String, Object> pod = podSpec(workload);
            for (Map<String, Object> container : containers(workload)) {
                for (Object from : list(container.get("envFrom"))) {
                    requireConfigMap(objects, string(map(from), "configMapRef", "name"), null, where, missing);
                    requireSecret(objects, string(map(from), "secretRef", "name"), null, where, missing);
                }
                for (Object entry : list(container.get("env"))) {
                    Map<String, Object> valueFrom = map(map(entry).get("valueFrom"));
                    requireConfigMap(objects, string(valueFrom, "configMapKeyRef", "name"),
                            string(valueFrom, "configMapKeyRef", "key"), where, missing);
                    requireSecret(objects, string(valueFrom, "secretKeyRef", "name"),
                            string(valueFrom, "secretKeyRef", "key"), where, missing);
                }
                Map<String, String> environment = environment(objects, container);
                String jdbc = environment.get("SPRING_DATASOURCE_URL");
                if (jdbc != null) {
                    Matcher host = JDBC_HOST.matcher(jdbc);
                    assertThat(host.find()).as("JDBC URL of %s: %s", where, jdbc).isTrue();
                    requireService(objects, host.group(1), where, missing);
                }
                String kafka = environment.get("SPRING_KAFKA_BOOTSTRAPSERVERS");
                if (kafka != null) {
                    for (String server : kafka.split(",")) {
                        requireService(objects, server.strip().replaceFirst(":\\d+$", ""), where, missing);
                    }
                }
            }
            for (Object volume : list(pod.get("volumes"))) {
                Map<String, Object> source = map(volume);
                for (Object item : list(map(source.get("secret")).get("items"))) {
                    requireSecret(objects, string(source, "secret", "secretName"), string(map(item), "key"), where, missing);
                }
                requireSecret(objects, string(source, "secret", "secretName"), null, where, missing);
                requireConfigMap(objects, string(source, "configMap", "name"), null, where, missing);
            }
        }
        for (Map<String, Object> service : objects.ofKind("Service")) {
            Map<String, Object> selector = map(map(service.get("spec")).get("selector"));
            List<Map<String, Object>> selected = objects.workloads().stream()
                    .filter(workload -> podLabels(workload).entrySet().containsAll(selector.entrySet())).toList();
            if (selected.isEmpty()) {
                missing.add("Service " + name(service) + ": no pods match its selector " + selector);
            }
            for (Object port : list(map(service.get("spec")).get("ports"))) {
                String target = string(map(port), "targetPort");
                boolean found = selected.stream().flatMap(workload -> containers(workload).stream())
                        .flatMap(container -> list(container.get("ports")).stream())
                        .anyMatch(declared -> target.equals(string(map(declared), "name"))
                                || target.equals(string(map(declared), "containerPort")));
                if (!found) {
                    missing.add("Service " + name(service) + ": no container port " + target);
                }
            }
        }
        for (String kind : List.of("HorizontalPodAutoscaler", "PodDisruptionBudget")) {
            for (Map<String, Object> object : objects.ofKind(kind)) {
                String target = string(object, "spec", "scaleTargetRef", "name");
                Map<String, Object> selector = map(map(map(object.get("spec")).get("selector")).get("matchLabels"));
                boolean found = objects.ofKind("Deployment").stream().anyMatch(deployment -> target != null
                        ? target.equals(name(deployment)) : podLabels(deployment).entrySet().containsAll(selector.entrySet()));
                if (!found) {
                    missing.add(kind + " " + name(object) + ": no such Deployment");
                }
            }
        }
        assertThat(missing).as("references to objects that %s does not create", overlay).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyServiceRunsNonRootReadOnlyBoundedScaledAndSpread(String overlay) {
        RenderedObjects objects = overlay(overlay);
        for (String service : ServiceConfiguration.APPLICATIONS.keySet()) {
            Map<String, Object> container = container(objects, service);
            Map<String, Object> deployment = objects.ofKind("Deployment").stream()
                    .filter(object -> service.equals(name(object))).findFirst().orElseThrow();
            Map<String, Object> pod = podSpec(deployment);
            assertThat(string(pod, "securityContext", "runAsNonRoot")).as("runAsNonRoot of %s", service).isEqualTo("true");
            assertThat(string(container, "securityContext", "readOnlyRootFilesystem")).as("read-only root of %s", service)
                    .isEqualTo("true");
            assertThat(string(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo("false");
            assertThat(map(map(container.get("resources")).get("requests"))).as("requests of %s", service)
                    .containsKeys("cpu", "memory");
            assertThat(map(map(container.get("resources")).get("limits"))).as("limits of %s", service).containsKey("memory");
            assertThat(Integer.parseInt(string(pod, "terminationGracePeriodSeconds"))).as("grace of %s", service)
                    .isGreaterThanOrEqualTo(60);
            assertThat(map(map(pod.get("affinity")).get("podAntiAffinity"))).as("anti-affinity of %s", service).isNotEmpty();
            assertThat(objects.ofKind("HorizontalPodAutoscaler")).as("autoscaler of %s", service)
                    .anyMatch(hpa -> service.equals(string(hpa, "spec", "scaleTargetRef", "name")));
            assertThat(objects.ofKind("PodDisruptionBudget")).as("disruption budget of %s", service)
                    .anyMatch(pdb -> service.equals(name(pdb)));
        }
    }

    private static void requireConfigMap(RenderedObjects objects, String name, String key, String where, List<String> missing) {
        if (name == null) {
            return;
        }
        Map<String, String> data = objects.configMaps.get(name);
        if (data == null) {
            missing.add(where + ": ConfigMap " + name);
        } else if (key != null && !data.containsKey(key)) {
            missing.add(where + ": key " + key + " of ConfigMap " + name);
        }
    }

    private static void requireSecret(RenderedObjects objects, String name, String key, String where, List<String> missing) {
        if (name == null) {
            return;
        }
        if (!objects.secrets.containsKey(name)) {
            missing.add(where + ": Secret " + name);
        } else if (key != null && !objects.secrets.get(name).contains(key)) {
            missing.add(where + ": key " + key + " of Secret " + name);
        }
    }

    private static void requireService(RenderedObjects objects, String host, String where, List<String> missing) {
        if (!objects.services.contains(host)) {
            missing.add(where + ": Service " + host);
        }
    }
}
