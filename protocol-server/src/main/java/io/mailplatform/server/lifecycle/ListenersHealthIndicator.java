package io.mailplatform.server.lifecycle;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health contributor {@code listeners}: UP while every protocol server of the process has its
 * listeners bound, with their ports (e.g. {@code smtp}, {@code submission}, {@code imaps}) as
 * detail; DOWN before they are bound and once they are stopped. A member of the readiness group.
 */
public class ListenersHealthIndicator implements HealthIndicator {
    private final ObjectProvider<ProtocolServerLifecycle> servers;

    public ListenersHealthIndicator(ObjectProvider<ProtocolServerLifecycle> servers) {
        this.servers = servers;
    }

    @Override
    public Health health() {
        Map<String, Integer> ports = new TreeMap<>();
        boolean bound = true;
        int count = 0;
        for (ProtocolServerLifecycle server : servers) {
            count++;
            if (server.isRunning()) {
                ports.putAll(server.ports());
            } else {
                bound = false;
            }
        }
        return (bound && count > 0 ? Health.up() : Health.down()).withDetail("ports", ports).build();
    }
}
