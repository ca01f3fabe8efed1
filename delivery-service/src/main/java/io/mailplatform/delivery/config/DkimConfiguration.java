package io.mailplatform.delivery.config;

import io.mailplatform.delivery.dkim.ArcCheck;
import io.mailplatform.delivery.dkim.ArcSealing;
import io.mailplatform.delivery.dkim.DkimCheck;
import io.mailplatform.delivery.dkim.DkimSigning;
import io.mailplatform.delivery.dkim.DmarcCheck;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.store.dkim.DkimKeys;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** DKIM verification, ARC validation and DMARC evaluation of incoming mail, signing of submissions ({@code mail.delivery.dkim}, {@code dmarc}, {@code arc}). */
@Configuration(proxyBeanMethods = false)
public class DkimConfiguration {

    @Bean
    public DkimCheck dkimCheck(DnsResolver dns, DeliveryProperties properties) {
        return new DkimCheck(dns, properties.dkim().maxSignatures(), Clock.systemUTC());
    }

    @Bean
    public DmarcCheck dmarcCheck(DnsResolver dns) {
        return new DmarcCheck(dns);
    }

    @Bean
    public ArcCheck arcCheck(DnsResolver dns) {
        return new ArcCheck(dns, Clock.systemUTC());
    }

    @Bean
    public ArcSealing arcSealing(DkimSigning signing) {
        return new ArcSealing(signing, Clock.systemUTC());
    }

    @Bean
    public DkimSigning dkimSigning(DkimKeys keys, DeliveryProperties properties) {
        return new DkimSigning(keys, properties.dkim().keyCacheTtl(), Clock.systemUTC());
    }
}
