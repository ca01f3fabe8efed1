package io.mailplatform.delivery.config;

import io.mailplatform.delivery.dkim.DkimSigning;
import io.mailplatform.delivery.dkim.DnsTxtLookup;
import io.mailplatform.delivery.dmarc.DmarcReportJob;
import io.mailplatform.delivery.dmarc.ReportDestinations;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.store.dmarc.DmarcObservations;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.MailboxDelivery;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DMARC aggregate report job ({@code mail.delivery.dmarc.reports}). */
@Configuration(proxyBeanMethods = false)
public class DmarcReportConfiguration {

    @Bean
    public ReportDestinations reportDestinations(DnsResolver dns) {
        return new ReportDestinations(new DnsTxtLookup(dns));
    }

    /** Runs on the application's {@link Clock} if it has one (tests), else the system's. */
    @Bean
    public DmarcReportJob dmarcReportJob(DmarcObservations observations, MailboxDelivery store,
            StoreTransactions transactions, ReportDestinations destinations, DkimSigning signing, RecipientResolver routing,
            DeliveryProperties properties, ObjectProvider<Clock> clock) {
        return new DmarcReportJob(observations, store, transactions, destinations, signing, routing, properties,
                clock.getIfUnique(Clock::systemUTC));
    }
}
