package io.mailplatform.delivery.config;

import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.tlsrpt.TlsReportJob;
import io.mailplatform.delivery.tlsrpt.TlsReports;
import io.mailplatform.delivery.tlsrpt.TlsRptRecorder;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.tlsrpt.TlsRptSessions;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** TLS reports (RFC 8460), built from {@link TlsRptProperties}. */
@Configuration(proxyBeanMethods = false)
public class TlsRptConfiguration {

    /** Counts the relay's sessions under a policy; with reports off, nothing is counted. */
    @Bean
    public TlsRptRecorder tlsRptRecorder(TlsRptSessions sessions, ObjectProvider<Clock> clock) {
        return new TlsRptRecorder(sessions, clock.getIfUnique(Clock::systemUTC));
    }

    /**
     * The daily reports, posted trusting the relay client's authorities; started only where reports
     * are on and the relay runs.
     */
    @Bean(destroyMethod = "close")
    public TlsReportJob tlsReportJob(TlsRptProperties properties, DeliveryProperties delivery,
            RelayClientProperties client, RelayProperties relay, TlsRptSessions sessions, DnsResolver dns,
            MailboxDelivery store, ObjectProvider<SslBundles> bundles, ObjectProvider<Clock> clock) {
        TlsReportJob job = TlsReports.job(properties, delivery.hostname(), sessions, dns, store,
                RelayClientConfiguration.trust(client, bundles), clock.getIfUnique(Clock::systemUTC),
                RelayConfiguration.instanceName());
        if (properties.enabled() && relay.enabled()) {
            job.start();
        }
        return job;
    }
}
