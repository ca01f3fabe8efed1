package io.mailplatform.delivery.config;

import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.mtasts.MtaStsPolicies;
import io.mailplatform.delivery.mtasts.PolicyFetcher;
import io.mailplatform.store.mtasts.StsPolicyCache;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** MTA-STS policy discovery for the relay, built from {@link MtaStsProperties}. */
@Configuration(proxyBeanMethods = false)
public class MtaStsConfiguration {

    /**
     * Policy files are fetched trusting the relay client's authorities; the policies' ages are told
     * by the context's {@link Clock} if it has one (tests), else the system's.
     */
    @Bean
    public MtaStsPolicies mtaStsPolicies(MtaStsProperties properties, RelayClientProperties client, DnsResolver dns,
            StsPolicyCache cache, ObjectProvider<SslBundles> bundles, ObjectProvider<Clock> clock) {
        PolicyFetcher fetcher = new PolicyFetcher(properties, dns, RelayClientConfiguration.trust(client, bundles));
        return new MtaStsPolicies(properties, dns, fetcher, cache, clock.getIfUnique(Clock::systemUTC));
    }
}
