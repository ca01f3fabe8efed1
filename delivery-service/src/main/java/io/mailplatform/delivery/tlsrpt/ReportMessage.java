package io.mailplatform.delivery.tlsrpt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * A TLS report as mail (RFC 8460 §5.3): {@code multipart/report; report-type="tlsrpt"} with a short
 * text and the gzipped JSON as {@code application/tlsrpt+gzip}, named
 * {@code submitter!domain!begin!end!id.json.gz}, and the TLS-Report-Domain and
 * TLS-Report-Submitter header fields.
 */
final class ReportMessage {

    private ReportMessage() {
    }

    /**
     * @param from the sender's address
     * @param to the rua's address
     * @param domain the policy domain
     * @param submitter the organization name
     */
    static byte[] build(String from, String to, String domain, String submitter, String reportId, Instant start,
            Instant end, byte[] gzipped, Instant now) {
        String boundary = "tlsrpt-" + UUID.randomUUID();
        String file = submitter + "!" + domain + "!" + start.getEpochSecond() + "!" + end.getEpochSecond() + "!"
                + reportId + ".json.gz";
        String text = "From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: Report Domain: " + domain + " Submitter: " + submitter + " Report-ID: <" + reportId + ">\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)) + "\r\n"
                + "Message-ID: <" + reportId + "@" + submitter + ">\r\n"
                + "TLS-Report-Domain: " + domain + "\r\n"
                + "TLS-Report-Submitter: " + submitter + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "The TLS report (RFC 8460) of " + submitter + " for " + domain + ", " + start + " to " + end + ".\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/tlsrpt+gzip; name=\"" + file + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + file + "\"\r\n"
                + "\r\n"
                + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(gzipped) + "\r\n"
                + "--" + boundary + "--\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
