package io.mailplatform.delivery.config;

import io.mailplatform.delivery.dsn.DsnGenerator;
import io.mailplatform.delivery.dsn.DsnPlanner;
import io.mailplatform.delivery.spf.DnsResolver;
import io.mailplatform.delivery.spf.DnsjavaResolver;
import io.mailplatform.delivery.spf.SpfChecker;
import io.mailplatform.delivery.spf.SpfIdentityCheck;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SPF (DNS through dnsjava) and DSN generation, built from {@link DeliveryProperties}. */
@Configuration(proxyBeanMethods = false)
public class SpfConfiguration {

    @Bean
    public DnsResolver spfDnsResolver(DeliveryProperties properties) {
        DeliveryProperties.Spf spf = properties.spf();
        return new DnsjavaResolver(spf.resolvers(), spf.queryTimeout(), spf.queryRetries(), spf.cacheSize());
    }

    @Bean
    public SpfIdentityCheck spfIdentityCheck(DnsResolver spfDnsResolver, DeliveryProperties properties) {
        return new SpfIdentityCheck(new SpfChecker(spfDnsResolver, properties.spf().defaultExplanation(),
                properties.hostname(), properties.spf().checkTimeout(), Clock.systemUTC()));
    }

    @Bean
    public DsnPlanner dsnPlanner(DeliveryProperties properties) {
        return new DsnPlanner(new DsnGenerator(properties.hostname()), properties.hostname(), Clock.systemUTC());
    }
}
