package io.mailplatform.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the code says about each service's settings: the configuration properties in the
 * {@code spring-configuration-metadata.json} of every jar on the classpath (a service's own module's,
 * the shared modules', Spring Boot's) and the defaults its application class declares with
 * {@code @PropertySource} (the actuator's port and health groups, no main web server).
 */
final class ServiceConfiguration {
    /** The services that get an image, a compose service and a Deployment, by module name. */
    static final Map<String, String> APPLICATIONS = Map.of(
            "smtp-gateway", "io.mailplatform.smtp.SmtpGatewayApplication",
            "delivery-service", "io.mailplatform.delivery.DeliveryServiceApplication",
            "pop3-service", "io.mailplatform.pop3.Pop3ServiceApplication",
            "imap-service", "io.mailplatform.imap.ImapServiceApplication",
            "webmail-api", "io.mailplatform.webmail.WebmailApplication");
    /** Modules whose properties belong to them alone: another service cannot set them. */
    private static final List<String> OWNING_MODULES = List.of("smtp-gateway", "delivery-service", "pop3-service",
            "imap-service", "webmail-api", "standalone");
    private static final String SHARED = "shared";

    /** Where each kind of listener is configured, by the name its port has in the manifests. */
    static final Map<String, String> PORT_PROPERTIES = Map.of(
            "smtp", "mail.smtp.mx-port",
            "submission", "mail.smtp.submission-port",
            "submissions", "mail.smtp.submissions-port",
            "pop3", "mail.pop3.port",
            "pop3s", "mail.pop3.tls-port",
            "imap", "mail.imap.port",
            "imaps", "mail.imap.tls-port",
            "https", "server.port",
            "management", "management.server.port");

    private record Property(String name, String type, String defaultValue) {
        boolean isMap() {
            return type != null && type.startsWith("java.util.Map<");
        }
    }

    /** Properties by owning module, each by its environment-variable form. */
    private final Map<String, Map<String, Property>> properties;
    private final Map<String, Map<String, String>> declaredDefaults;

    private ServiceConfiguration(Map<String, Map<String, Property>> properties, Map<String, Map<String, String>> declaredDefaults) {
        this.properties = properties;
        this.declaredDefaults = declaredDefaults;
    }

    static ServiceConfiguration load() {
        ClassLoader loader = ServiceConfiguration.class.getClassLoader();
        Map<String, Map<String, Property>> properties = new HashMap<>();
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/spring-configuration-metadata.json"))) {
                Map<String, Property> owned = properties.computeIfAbsent(owner(url), key -> new HashMap<>());
                JsonNode metadata;
                try (InputStream in = url.openStream()) {
                    metadata = new ObjectMapper().readTree(in);
                }
                for (JsonNode property : metadata.path("properties")) {
                    String name = property.path("name").asString();
                    JsonNode defaultValue = property.get("defaultValue");
                    owned.put(environmentVariable(name), new Property(name, property.path("type").asString(null),
                            defaultValue == null || defaultValue.isNull() ? null
                                    : defaultValue.isValueNode() ? defaultValue.asString() : defaultValue.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> declared = new HashMap<>();
        APPLICATIONS.forEach((service, application) -> declared.put(service, declaredDefaults(application, loader)));
        return new ServiceConfiguration(properties, declared);
    }

    /** The module a metadata file comes from: a service's own, or shared (libraries, Spring Boot). */
    private static String owner(URL url) {
        String location = url.toString();
        for (String module : OWNING_MODULES) {
            if (location.contains("/" + module + "/") || location.contains("/" + module + "-")) {
                return module;
            }
        }
        return SHARED;
    }

    /** The environment variable that sets a property: upper case, dots to underscores, dashes dropped. */
    static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The {@code @PropertySource} defaults of an application class and of the configurations it imports. */
    private static Map<String, String> declaredDefaults(String application, ClassLoader loader) {
        Map<String, String> defaults = new TreeMap<>();
        List<Class<?>> pending = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        try {
            pending.add(Class.forName(application, false, loader));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the application class " + application + " is gone: update APPLICATIONS", e);
        }
        while (!pending.isEmpty()) {
            Class<?> type = pending.remove(pending.size() - 1);
            if (!seen.add(type)) {
                continue;
            }
            MergedAnnotations annotations = MergedAnnotations.from(type);
            annotations.stream(PropertySource.class).map(MergedAnnotation::synthesize).forEach(source -> {
                for (String location : source.value()) {
                    defaults.putAll(load(location, loader));
                }
            });
            annotations.stream(Import.class).forEach(imported -> pending.addAll(List.of(imported.getClassArray("value"))));
        }
        return defaults;
    }

    private static Map<String, String> load(String location, ClassLoader loader) {
        String resource = location.replaceFirst("^classpath:/?", "");
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("@PropertySource " + location + " does not exist");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.forEach((key, value) -> values.put((String) key, (String) value));
        return values;
    }

    /**
     * Whether the environment variable sets a configuration property of the service: one of its
     * own module or of a shared one, exactly, or under a map property ({@code spring.kafka.properties.*},
     * {@code spring.ssl.bundle.pem.<name>.*}).
     */
    boolean isProperty(String service, String variable) {
        for (Map<String, Property> visible : List.of(properties.getOrDefault(service, Map.of()),
                properties.getOrDefault(SHARED, Map.of()))) {
            if (visible.containsKey(variable)) {
                return true;
            }
            for (Map.Entry<String, Property> property : visible.entrySet()) {
                if (property.getValue().isMap() && variable.startsWith(property.getKey() + "_")
                        && variable.length() > property.getKey().length() + 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The value a property takes in a container of the service: from its environment, else the
     * defaults its application declares, else the metadata's default; null when none.
     */
    String effectiveValue(String service, String property, Map<String, String> environment) {
        String variable = environmentVariable(property);
        if (environment.containsKey(variable)) {
            return environment.get(variable);
        }
        String declared = declaredDefaults.get(service).get(property);
        if (declared != null) {
            return declared;
        }
        for (String owner : List.of(service, SHARED)) {
            Property known = properties.getOrDefault(owner, Map.of()).get(variable);
            if (known != null) {
                return known.defaultValue();
            }
        }
        return null;
    }

    /** The health groups the service's actuator serves ({@code management.endpoint.health.group.<name>.include}). */
    Set<String> healthGroups(String service) {
        Set<String> groups = new HashSet<>();
        declaredDefaults.get(service).keySet().forEach(key -> {
            if (key.startsWith("management.endpoint.health.group.") && key.endsWith(".include")) {
                groups.add(key.substring("management.endpoint.health.group.".length(), key.length() - ".include".length()));
            }
        });
        return groups;
    }

    /** The path of a health group on the management port. */
    String healthPath(String service, String group) {
        return effectiveValue(service, "management.endpoints.web.base-path", Map.of()) + "/health/" + group;
    }
}
