package io.mailplatform.core.dmarc.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XML of an aggregate report (RFC 7489 appendix C), both ways. Reading refuses any document type
 * declaration, so no entity (external or recursively expanding) is ever resolved (XXE, "billion
 * laughs"); callers bound the size of what they hand in, and the number of rows is bounded here.
 */
public final class AggregateReportXml {
    /** Most rows read from one received report. */
    public static final int MAX_ROWS = 50_000;

    private AggregateReportXml() {
    }

    /** The report as an XML document, UTF-8. */
    public static byte[] write(AggregateReport report) {
        StringBuilder out = new StringBuilder(1024 + 600 * report.records().size());
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feedback>\n  <version>1.0</version>\n");
        out.append("  <report_metadata>\n");
        element(out, 4, "org_name", report.orgName());
        element(out, 4, "email", report.email());
        element(out, 4, "report_id", report.reportId());
        out.append("    <date_range>\n");
        element(out, 6, "begin", Long.toString(report.begin().getEpochSecond()));
        element(out, 6, "end", Long.toString(report.end().getEpochSecond()));
        out.append("    </date_range>\n  </report_metadata>\n  <policy_published>\n");
        AggregateReport.PolicyPublished policy = report.policy();
        element(out, 4, "domain", policy.domain());
        element(out, 4, "adkim", policy.adkim());
        element(out, 4, "aspf", policy.aspf());
        element(out, 4, "p", policy.p());
        element(out, 4, "sp", policy.sp());
        element(out, 4, "pct", Integer.toString(policy.pct()));
        out.append("  </policy_published>\n");
        for (AggregateReport.Row row : report.records()) {
            out.append("  <record>\n    <row>\n");
            element(out, 6, "source_ip", row.sourceIp());
            element(out, 6, "count", Long.toString(row.count()));
            out.append("      <policy_evaluated>\n");
            element(out, 8, "disposition", row.disposition());
            element(out, 8, "dkim", row.dkim());
            element(out, 8, "spf", row.spf());
            out.append("      </policy_evaluated>\n    </row>\n    <identifiers>\n");
            element(out, 6, "header_from", row.headerFrom());
            out.append("    </identifiers>\n    <auth_results>\n");
            for (AggregateReport.DkimAuth dkim : row.dkimResults()) {
                out.append("      <dkim>\n");
                element(out, 8, "domain", dkim.domain());
                element(out, 8, "selector", dkim.selector());
                element(out, 8, "result", dkim.result());
                out.append("      </dkim>\n");
            }
            for (AggregateReport.SpfAuth spf : row.spfResults()) {
                out.append("      <spf>\n");
                element(out, 8, "domain", spf.domain());
                element(out, 8, "scope", spf.scope());
                element(out, 8, "result", spf.result());
                out.append("      </spf>\n");
            }
            out.append("    </auth_results>\n  </record>\n");
        }
        return out.append("</feedback>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder out, int indent, String name, String value) {
        if (value == null) {
            return; // every optional element of the schema is simply left out
        }
        out.append(" ".repeat(indent)).append('<').append(name).append('>');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        out.append("</").append(name).append(">\n");
    }

    /** Reads a report; anything that is not a well-formed appendix C feedback document is refused. */
    public static AggregateReport parse(byte[] xml) throws ReportFormatException {
        Document document;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no messages on stderr; errors come as exceptions
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            document = builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new ReportFormatException("not a well-formed XML document without DOCTYPE: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element feedback = document.getDocumentElement();
        if (!feedback.getLocalName().equals("feedback")) {
            throw new ReportFormatException("the root element is " + feedback.getLocalName() + ", not feedback");
        }
        Element metadata = required(feedback, "report_metadata");
        Element range = required(metadata, "date_range");
        Element published = required(feedback, "policy_published");
        List<AggregateReport.Row> rows = new ArrayList<>();
        for (Element record : children(feedback, "record")) {
            if (rows.size() == MAX_ROWS) {
                throw new ReportFormatException("more than " + MAX_ROWS + " records");
            }
            rows.add(row(record));
        }
        String p = text(published, "p");
        return new AggregateReport(requiredText(metadata, "org_name"), text(metadata, "email"),
                requiredText(metadata, "report_id"), epoch(range, "begin"), epoch(range, "end"),
                new AggregateReport.PolicyPublished(requiredText(published, "domain").toLowerCase(Locale.ROOT),
                        text(published, "adkim"), text(published, "aspf"), p, text(published, "sp"),
                        number(published, "pct", 100)),
                rows);
    }

    private static AggregateReport.Row row(Element record) throws ReportFormatException {
        Element row = required(record, "row");
        Element evaluated = required(row, "policy_evaluated");
        Element identifiers = required(record, "identifiers");
        List<AggregateReport.DkimAuth> dkim = new ArrayList<>();
        List<AggregateReport.SpfAuth> spf = new ArrayList<>();
        Element auth = child(record, "auth_results");
        if (auth != null) {
            for (Element result : children(auth, "dkim")) {
                dkim.add(new AggregateReport.DkimAuth(requiredText(result, "domain"), text(result, "selector"),
                        requiredText(result, "result")));
            }
            for (Element result : children(auth, "spf")) {
                spf.add(new AggregateReport.SpfAuth(requiredText(result, "domain"), text(result, "scope"),
                        requiredText(result, "result")));
            }
        }
        return new AggregateReport.Row(requiredText(row, "source_ip"), number(row, "count", -1L),
                requiredText(evaluated, "disposition"), text(evaluated, "dkim"), text(evaluated, "spf"),
                requiredText(identifiers, "header_from"), dkim, spf);
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true); // some reporters put the dmarc-2.0 namespace on the root
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static Element required(Element parent, String name) throws ReportFormatException {
        Element found = child(parent, name);
        if (found == null) {
            throw new ReportFormatException(parent.getLocalName() + " has no " + name);
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element found = child(parent, name);
        if (found == null) {
            return null;
        }
        String text = found.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static String requiredText(Element parent, String name) throws ReportFormatException {
        String text = text(parent, name);
        if (text == null) {
            throw new ReportFormatException(parent.getLocalName() + " has no " + name);
        }
        return text;
    }

    private static long number(Element parent, String name, long absent) throws ReportFormatException {
        String text = text(parent, name);
        if (text == null && absent >= 0) {
            return absent;
        }
        try {
            long value = Long.parseLong(text == null ? "" : text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ReportFormatException(parent.getLocalName() + "/" + name + " is not a number: " + text);
        }
    }

    private static int number(Element parent, String name, int absent) throws ReportFormatException {
        long value = number(parent, name, (long) absent);
        if (value > 100) {
            throw new ReportFormatException(name + " is above 100");
        }
        return (int) value;
    }

    private static Instant epoch(Element parent, String name) throws ReportFormatException {
        return Instant.ofEpochSecond(number(parent, name, -1L));
    }
}
