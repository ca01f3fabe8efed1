package io.mailplatform.core.dmarc.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The mail that carries an aggregate report (RFC 7489 §7.2.1.1): the subject the RFC prescribes, a short
 * text part, and the gzip-compressed XML as an attachment named
 * {@code receiver!policy-domain!begin!end.xml.gz}.
 */
public final class ReportMessage {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private ReportMessage() {
    }

    /** The attachment's file name (§7.2.1.1: {@code filename = receiver "!" policy-domain "!" begin "!" end "." ext}). */
    public static String fileName(String receiver, AggregateReport report) {
        return receiver + "!" + report.policy().domain() + "!" + report.begin().getEpochSecond() + "!"
                + report.end().getEpochSecond() + ".xml.gz";
    }

    /** The subject (§7.2.1.1). */
    public static String subject(String receiver, AggregateReport report) {
        return "Report Domain: " + report.policy().domain() + " Submitter: " + receiver + " Report-ID: <"
                + report.reportId() + ">";
    }

    /**
     * The message, CRLF line ends.
     *
     * @param receiver our host name, as in the file name and subject
     * @param from the From address
     * @param to the rua address
     * @param gzip the compressed report, from {@link ReportArchive#gzip}
     */
    public static byte[] render(String receiver, String from, String to, AggregateReport report, byte[] gzip, Instant now) {
        String boundary = "=_dmarc_" + Long.toHexString(now.toEpochMilli()) + "_" + Integer.toHexString(report.reportId().hashCode());
        String name = fileName(receiver, report);
        StringBuilder out = new StringBuilder(gzip.length * 4 / 3 + 1024);
        out.append("From: <").append(from).append(">\r\n");
        out.append("To: <").append(to).append(">\r\n");
        out.append("Subject: ").append(subject(receiver, report)).append("\r\n");
        out.append("Date: ").append(DATE.format(now.atOffset(ZoneOffset.UTC))).append("\r\n");
        out.append("Message-ID: <").append(report.reportId()).append('.').append(now.toEpochMilli()).append('@')
                .append(receiver).append(">\r\n");
        out.append("Auto-Submitted: auto-generated\r\n"); // RFC 3834 §5: no auto-replies to a report
        out.append("MIME-Version: 1.0\r\n");
        out.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        out.append("This is a DMARC aggregate report (RFC 7489) from ").append(receiver).append(" for ")
                .append(report.policy().domain()).append(",\r\ncovering ").append(report.begin()).append(" to ")
                .append(report.end()).append(".\r\n\r\n");
        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: application/gzip; name=\"").append(name).append("\"\r\n");
        out.append("Content-Transfer-Encoding: base64\r\n");
        out.append("Content-Disposition: attachment; filename=\"").append(name).append("\"\r\n\r\n");
        out.append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(gzip)).append("\r\n");
        out.append("--").append(boundary).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
