package io.mailplatform.core.dmarc.report;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.MessageSummaryParser;
import io.mailplatform.core.mime.PartContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The aggregate reports in a received mail (RFC 7489 §7.2.1.1): every leaf part that is XML, gzip or zip
 * by its media type or by the name of its attachment, each unpacked and read. A part that is not a
 * readable report is skipped; the whole mail is refused only when no part is one.
 */
public final class ReportMailReader {
    private ReportMailReader() {
    }

    /** The reports; at least one, else the reason for the first part that failed. */
    public static List<AggregateReport> read(byte[] message, int maxXmlBytes) throws ReportFormatException {
        List<BodyPart> candidates = new ArrayList<>();
        collect(MessageSummaryParser.parse(message).body(), candidates);
        List<AggregateReport> reports = new ArrayList<>();
        ReportFormatException first = null;
        for (BodyPart part : candidates) {
            try {
                reports.add(AggregateReportXml.parse(ReportArchive.xml(PartContent.decoded(message, part), maxXmlBytes)));
            } catch (ReportFormatException e) {
                first = first == null ? e : first;
            }
        }
        if (reports.isEmpty()) {
            throw first != null ? first : new ReportFormatException("the mail has no XML, gzip or zip part");
        }
        return reports;
    }

    private static void collect(BodyPart part, List<BodyPart> candidates) {
        if (part.isMultipart()) {
            part.parts().forEach(child -> collect(child, candidates));
            return;
        }
        String type = (part.type() + "/" + part.subtype()).toLowerCase(Locale.ROOT);
        String name = part.disposition() == null ? null : part.disposition().parameter("filename");
        if (name == null) {
            name = part.parameter("name");
        }
        name = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (type.endsWith("/xml") || type.contains("gzip") || type.contains("zip")
                || name.endsWith(".xml") || name.endsWith(".gz") || name.endsWith(".zip")) {
            candidates.add(part);
        }
    }
}
