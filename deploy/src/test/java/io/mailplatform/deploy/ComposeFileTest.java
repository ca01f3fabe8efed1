package io.mailplatform.deploy;

import static io.mailplatform.deploy.RenderedObjects.list;
import static io.mailplatform.deploy.RenderedObjects.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml against the code: each service's environment sets real configuration
 * properties of that service, the published container ports are where it listens, its healthcheck
 * asks an actuator health group, and its image is built from the jar Maven builds.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static ServiceConfiguration configuration;
    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws IOException {
        configuration = ServiceConfiguration.load();
        services = map(map(new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")))).get("services"));
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(map(services.get(service)).get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    @Test
    void everyEnvironmentVariableIsAConfigurationPropertyOfItsService() {
        assertThat(services).containsKeys(ServiceConfiguration.APPLICATIONS.keySet().toArray(String[]::new));
        List<String> unknown = new ArrayList<>();
        for (String service : ServiceConfiguration.APPLICATIONS.keySet()) {
            environment(service).keySet().stream().filter(variable -> !configuration.isProperty(service, variable))
                    .forEach(variable -> unknown.add(service + ": " + variable));
        }
        assertThat(unknown).as("environment variables that set no configuration property of their service").isEmpty();
    }

    @Test
    void publishedPortsAreWhereTheServicesListen() {
        for (String service : ServiceConfiguration.APPLICATIONS.keySet()) {
            Set<Integer> published = new HashSet<>();
            for (Object port : list(map(services.get(service)).get("ports"))) {
                String mapping = String.valueOf(port);
                published.add(Integer.valueOf(mapping.substring(mapping.lastIndexOf(':') + 1)));
            }
            Set<Integer> listening = new HashSet<>();
            ServiceConfiguration.PORT_PROPERTIES.forEach((name, property) -> {
                if (!"management".equals(name)
                        && configuration.isProperty(service, ServiceConfiguration.environmentVariable(property))) {
                    String value = configuration.effectiveValue(service, property, environment(service));
                    if (value != null && Integer.parseInt(value) > 0) {
                        listening.add(Integer.valueOf(value));
                    }
                }
            });
            assertThat(published).as("published container ports of %s (the actuator's stays unpublished)", service)
                    .isEqualTo(listening);
        }
    }

    @Test
    void healthchecksAskTheReadinessGroup() {
        for (String service : ServiceConfiguration.APPLICATIONS.keySet()) {
            List<Object> test = list(map(map(services.get(service)).get("healthcheck")).get("test"));
            assertThat(test).as("healthcheck of %s", service).containsExactly("CMD", "healthcheck", "readiness");
            assertThat(configuration.healthGroups(service)).contains("readiness");
        }
    }

    @Test
    void imagesAreBuiltFromTheJarMavenBuilds() throws IOException {
        String version = System.getProperty("project.version");
        assertThat(version).as("surefire passes project.version").isNotBlank();
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile"));
        String dockerignore = Files.readString(ROOT.resolve(".dockerignore"));
        assertThat(dockerfile).contains("COPY ${SERVICE}/target/${SERVICE}-" + version + "-exec.jar");
        for (String service : ServiceConfiguration.APPLICATIONS.keySet()) {
            assertThat(map(map(map(services.get(service)).get("build")).get("args"))).as("build of %s", service)
                    .containsEntry("SERVICE", service);
            assertThat(dockerignore).as(".dockerignore lets the jar of %s through", service)
                    .contains("!" + service + "/target/" + service + "-" + version + "-exec.jar");
        }
    }
}
