package io.mailplatform.webmail.transfer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Unpacks an uploaded tar, tar.gz or zip archive (told apart by their first octets, not by a name or a
 * declared type) into a directory, keeping each file's modification time (a Maildir message's date).
 * Entries that would land outside the directory, links and devices are skipped; the total is limited
 * so that a small archive cannot fill the disk.
 */
public final class ArchiveExtractor {
    private ArchiveExtractor() {
    }

    public enum Kind { TAR, TAR_GZIP, ZIP, MBOX, UNKNOWN }

    /** What an upload is, by its first octets. */
    public static Kind detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Kind.TAR_GZIP;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Kind.ZIP;
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return Kind.TAR;
        }
        if (MboxReader.isFromLine(head)) {
            return Kind.MBOX;
        }
        return Kind.UNKNOWN;
    }

    /** @throws ArchiveTooLargeException when the files unpack to more than {@code maxTotal} octets */
    public static void extract(Path archive, Kind kind, Path target, long maxTotal) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                ArchiveInputStream<? extends ArchiveEntry> entries = open(file, kind)) {
            long total = 0;
            ArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (!entries.canReadEntryData(entry) || isLinkOrSpecial(entry)) {
                    continue;
                }
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target) || destination.equals(target)) {
                    continue; // "../" or an absolute name: never outside the directory
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (OutputStream out = Files.newOutputStream(destination)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = entries.read(buffer)) > 0) {
                        total += n;
                        if (total > maxTotal) {
                            throw new ArchiveTooLargeException(maxTotal);
                        }
                        out.write(buffer, 0, n);
                    }
                }
                if (entry.getLastModifiedDate() != null) {
                    Files.setLastModifiedTime(destination, FileTime.from(entry.getLastModifiedDate().toInstant()));
                }
            }
        }
    }

    private static ArchiveInputStream<? extends ArchiveEntry> open(InputStream in, Kind kind) throws IOException {
        return switch (kind) {
            case TAR -> new TarArchiveInputStream(in);
            case TAR_GZIP -> new TarArchiveInputStream(new GZIPInputStream(in, 64 * 1024));
            case ZIP -> new ZipArchiveInputStream(in);
            default -> throw new IllegalArgumentException("not an archive: " + kind);
        };
    }

    private static boolean isLinkOrSpecial(ArchiveEntry entry) {
        return entry instanceof TarArchiveEntry tar && !tar.isFile() && !tar.isDirectory();
    }

    /** An archive unpacks to more than allowed. */
    public static class ArchiveTooLargeException extends IOException {
        public ArchiveTooLargeException(long limit) {
            super("the archive unpacks to more than " + limit + " octets (mail.webmail.import.max-extracted-size)");
        }
    }
}
