package io.mailplatform.core.dmarc.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The compressed forms of a report (RFC 7489 §7.2.1.1): gzip when we send; gzip, zip or plain XML when
 * we receive, recognised by their first octets, never by a name the sender chose. Unpacking stops at a
 * limit, so a small "zip bomb" cannot fill the memory.
 */
public final class ReportArchive {
    private ReportArchive() {
    }

    public static byte[] gzip(byte[] xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length / 8 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The XML document in {@code content}: unpacked if gzip or zip (its first .xml entry), as is otherwise. */
    public static byte[] xml(byte[] content, int maxXmlBytes) throws ReportFormatException {
        try {
            if (content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b) {
                return bounded(new GZIPInputStream(new ByteArrayInputStream(content)), maxXmlBytes);
            }
            if (content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
                    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                        if (!entry.isDirectory() && entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
                            return bounded(zip, maxXmlBytes);
                        }
                    }
                }
                throw new ReportFormatException("the zip archive holds no .xml file");
            }
        } catch (IOException e) {
            throw new ReportFormatException("damaged archive: " + e.getMessage(), e);
        }
        if (content.length > maxXmlBytes) {
            throw new ReportFormatException("the report is larger than " + maxXmlBytes + " octets");
        }
        return content;
    }

    private static byte[] bounded(InputStream in, int max) throws IOException, ReportFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (out.size() + n > max) {
                throw new ReportFormatException("the unpacked report is larger than " + max + " octets");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
