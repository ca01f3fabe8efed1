package io.mailplatform.delivery.config;

import io.mailplatform.delivery.dane.DaneLookup;
import io.mailplatform.delivery.dane.DaneResolver;
import io.mailplatform.delivery.dns.ResolverAddresses;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** DANE look-ups for the relay, built from {@link DaneProperties}. */
@Configuration(proxyBeanMethods = false)
public class DaneConfiguration {

    /** The DANE of an MX destination ({@code DaneResolver::lookup}), or never DANE when disabled. */
    @Bean
    public BiFunction<String, List<String>, DaneLookup> daneLookup(DaneProperties dane, DeliveryProperties delivery) {
        if (!dane.enabled()) {
            return (domain, hosts) -> DaneLookup.NONE;
        }
        DeliveryProperties.Dns dns = delivery.dns();
        DaneResolver resolver = new DaneResolver(ResolverAddresses.of(dns.resolvers()), dane.trustAnchor(),
                dane.trustAdFrom().stream().map(a -> ResolverAddresses.parse(a.trim())).collect(Collectors.toSet()), dns.timeout().multipliedBy(dns.retries() + 1L));
        return resolver::lookup;
    }
}
