package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.delivery.config.RelayProperties;
import io.mailplatform.delivery.relay.smtp.TlsPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code mail.relay.*} as Spring binds it: defaults, routes keyed by domain, checks at start. */
class RelayPropertiesTest {

    private static RelayProperties bind(String... settings) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put("mail.relay." + settings[i], settings[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("mail.relay", RelayProperties.class);
    }

    @Test
    void defaults() {
        RelayProperties relay = bind();
        assertThat(relay.enabled()).isTrue();
        assertThat(relay.routes()).isEmpty();
        assertThat(relay.smartHost()).isNull();
        assertThat(relay.mxPort()).isEqualTo(25);
        assertThat(relay.maxReceived()).isEqualTo(30);
        assertThat(relay.maxAge()).isEqualTo(Duration.ofDays(5));
        assertThat(relay.delayWarningAfter()).isEqualTo(Duration.ofHours(4));
        assertThat(relay.retry().firstDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(relay.retry().maxDelay()).isEqualTo(Duration.ofHours(4));
        assertThat(relay.connectionIdleTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(relay.maxConnectionsPerDestination()).isEqualTo(3);
        assertThat(relay.lease()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void routesAreKeyedByTheWholeDomainWithTheirOwnTlsPolicy() {
        RelayProperties relay = bind("routes.remote.test", "127.0.0.1:10026", "routes.Mixed.Example.ORG", "[::1]:25",
                "route-tls.remote.test", "required");
        assertThat(relay.routes()).containsOnly(Map.entry("remote.test", "127.0.0.1:10026"),
                Map.entry("mixed.example.org", "[::1]:25"));
        assertThat(relay.routeTls("remote.test")).isEqualTo(TlsPolicy.REQUIRED);
        assertThat(relay.routeTls("mixed.example.org")).isEqualTo(TlsPolicy.OPPORTUNISTIC);
    }

    @Test
    void theSmartHostPasswordIsNeverPrinted() {
        RelayProperties relay = bind("smart-host", "smtp.provider.example:587", "smart-host-username", "me",
                "smart-host-password", "pa55word", "smart-host-tls", "required");
        assertThat(relay.smartHostTls()).isEqualTo(TlsPolicy.REQUIRED);
        assertThat(relay.toString()).contains("smtp.provider.example:587", "me").doesNotContain("pa55word");
    }

    @Test
    void badSettingsFailTheStart() {
        assertThatThrownBy(() -> bind("routes.remote.test", "host:notaport")).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("smart-host", "2001:db8::1")).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("smart-host", "smtp.example", "smart-host-username", "me"))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("retry.jitter", "0.9")).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("retry.first-delay", "5h", "retry.max-delay", "1h")).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("lease", "0s")).isInstanceOf(BindException.class);
    }
}
