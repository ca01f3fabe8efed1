package io.mailplatform.delivery.tlsrpt;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.tlsrpt.TlsReport;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.MailboxDelivery;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends one TLS report to one rua (RFC 8460 §5): {@code https:} is a POST of the gzipped JSON as
 * {@code application/tlsrpt+gzip} (§5.4), redirects not followed; {@code mailto:} is a report message
 * (§5.3) queued for the relay like any outgoing mail.
 */
final class ReportSender {
    static final String MEDIA_TYPE = "application/tlsrpt+gzip";

    private final MailboxDelivery store;
    private final HttpClient http;
    private final Duration timeout;
    private final String from;
    private final String hostname;
    private final Clock clock;

    ReportSender(MailboxDelivery store, HttpClient http, Duration timeout, String from, String hostname, Clock clock) {
        this.store = store;
        this.http = http;
        this.timeout = timeout;
        this.from = from;
        this.hostname = hostname;
        this.clock = clock;
    }

    /** Why a report did not go to a rua. */
    static final class ReportNotSent extends Exception {
        ReportNotSent(String message) {
            super(message);
        }
    }

    /** Sends the report; returns what happened, for the reports table. */
    String send(String rua, String domain, TlsReport report, byte[] gzipped) throws ReportNotSent {
        if (rua.regionMatches(true, 0, "mailto:", 0, 7)) {
            return mail(rua, domain, report, gzipped);
        }
        return post(rua, gzipped);
    }

    private String post(String rua, byte[] gzipped) throws ReportNotSent {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(rua)).timeout(timeout).header("Content-Type", MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped)).build();
        } catch (IllegalArgumentException e) {
            throw new ReportNotSent(rua + " is no URI: " + e.getMessage());
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new ReportNotSent(rua + " answered HTTP " + response.statusCode());
            }
            return "posted to " + rua;
        } catch (IOException e) {
            throw new ReportNotSent("POST to " + rua + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportNotSent("POST to " + rua + " interrupted");
        }
    }

    private String mail(String rua, String domain, TlsReport report, byte[] gzipped) throws ReportNotSent {
        String address = URLDecoder.decode(rua.substring(7).split("\\?", 2)[0], StandardCharsets.UTF_8).strip();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
            throw new ReportNotSent(rua + " names no mail address");
        }
        Instant now = clock.instant();
        byte[] message = ReportMessage.build(from, address, domain, report.organizationName(), report.reportId(),
                report.start(), report.end(), gzipped, now);
        Envelope envelope = new Envelope("tlsrpt." + report.reportId() + "." + Math.abs(address.hashCode()), from,
                List.of(EnvelopeRecipient.of(address)), null, hostname, null, null, now, BodyType.SEVEN_BIT, false,
                null, null);
        store.deliver(List.of(new InboundMessage(envelope.id(), message, now, List.of(), List.of(
                new InboundMessage.RemoteCopy(address, address.substring(at + 1), from, EnvelopeCodec.encode(envelope))))));
        return "queued for " + address;
    }
}
