package io.mailplatform.delivery.config;

import io.mailplatform.delivery.dns.CachingDnsResolver;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.dns.MxResolver;
import io.mailplatform.delivery.dsn.DsnGenerator;
import io.mailplatform.delivery.dsn.DsnPlanner;
import io.mailplatform.delivery.spf.SpfChecker;
import io.mailplatform.delivery.spf.SpfIdentityCheck;
import io.mailplatform.delivery.spf.SpfVerdictCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DNS client, MX routing, SPF and DSN generation, built from {@link DeliveryProperties}. */
@Configuration(proxyBeanMethods = false)
public class SpfConfiguration {

    @Bean
    public CachingDnsResolver dnsResolver(DeliveryProperties properties, MeterRegistry registry) {
        return new CachingDnsResolver(properties.dns(), Clock.systemUTC(), registry);
    }

    @Bean
    public MxResolver mxResolver(DnsResolver dns, DeliveryProperties properties) {
        return new MxResolver(dns, properties.dns().maxMxHosts(), new SecureRandom());
    }

    @Bean
    public SpfIdentityCheck spfIdentityCheck(DnsResolver dns, DeliveryProperties properties) {
        DeliveryProperties.Spf spf = properties.spf();
        return new SpfIdentityCheck(new SpfChecker(dns, spf.defaultExplanation(), properties.hostname(), spf.checkTimeout(),
                properties.dns().failureTtl(), Clock.systemUTC()), new SpfVerdictCache(spf.verdictCacheSize(), Clock.systemUTC()));
    }

    @Bean
    public DsnPlanner dsnPlanner(DeliveryProperties properties, MeterRegistry registry) {
        return new DsnPlanner(new DsnGenerator(properties.hostname()), properties.hostname(), Clock.systemUTC(), registry);
    }
}
