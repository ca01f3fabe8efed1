package io.mailplatform.delivery.tlsrpt;

import io.mailplatform.delivery.config.TlsRptProperties;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.tlsrpt.TlsRptSessions;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the report job from its settings: names, the HTTPS client, the sender. */
public final class TlsReports {

    private TlsReports() {
    }

    /**
     * @param hostname {@code mail.delivery.hostname}: the default organization and sender domain
     * @param trust the authorities https: report receivers are checked against; null for the JDK's
     */
    public static TlsReportJob job(TlsRptProperties properties, String hostname, TlsRptSessions sessions,
            DnsResolver dns, MailboxDelivery store, TrustManagerFactory trust, Clock clock, String instance) {
        String organization = blank(properties.organizationName()) ? hostname : properties.organizationName();
        String from = blank(properties.sender()) ? "postmaster@" + hostname : properties.sender();
        HttpClient http;
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust == null ? null : trust.getTrustManagers(), null);
            http = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(properties.httpsTimeout()).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for TLS reports", e);
        }
        ReportSender sender = new ReportSender(store, http, properties.httpsTimeout(), from, hostname, clock);
        return new TlsReportJob(properties, organization, "mailto:" + from, sessions, dns, sender, clock, instance);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
