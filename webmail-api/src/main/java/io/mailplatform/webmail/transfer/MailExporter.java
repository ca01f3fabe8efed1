package io.mailplatform.webmail.transfer;

import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageMeta;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.springframework.stereotype.Component;

/**
 * Writes mailboxes out for other servers and clients, streaming (one message in memory at a time):
 * <ul>
 * <li>one mailbox as an mboxrd file ({@link MboxWriter});</li>
 * <li>an account as a tar of mbox files, {@code Name.mbox} with the hierarchy as directories
 * ({@code Lists/java.mbox});</li>
 * <li>a mailbox or an account as a tar of a Maildir++ tree as Dovecot keeps it: INBOX at the top,
 * {@code .Lists.java} for {@code Lists/java}, each message a file in {@code cur} named
 * {@code time.Muid.host,S=size:2,flags} whose modification time is the internal date, keywords in
 * {@code dovecot-keywords}.</li>
 * </ul>
 */
@Component
public class MailExporter {
    private final MailboxService mailboxes;

    public MailExporter(MailboxService mailboxes) {
        this.mailboxes = mailboxes;
    }

    public void mbox(Mailbox mailbox, OutputStream out) throws IOException {
        MboxWriter writer = new MboxWriter(out);
        for (MessageMeta meta : mailboxes.messages(mailbox)) {
            Optional<byte[]> raw = mailboxes.content(mailbox, meta.uid());
            if (raw.isPresent()) { // expunged meanwhile otherwise
                writer.write(raw.get(), meta.flags(), meta.internalDate());
            }
        }
    }

    /** Each mailbox's mbox file is made in a temporary file first: a tar entry states its size before its content. */
    public void mboxTree(List<Mailbox> boxes, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = tar(out);
        for (Mailbox mailbox : boxes) {
            Path file = Files.createTempFile("export-", ".mbox");
            try {
                try (OutputStream mbox = Files.newOutputStream(file)) {
                    mbox(mailbox, mbox);
                }
                TarArchiveEntry entry = new TarArchiveEntry(file, mailbox.name() + ".mbox");
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            } finally {
                Files.deleteIfExists(file);
            }
        }
        tar.finish();
    }

    /**
     * @param root the mailbox that becomes the top of the tree (INBOX for an account, the mailbox itself for one)
     */
    public void maildir(List<Mailbox> boxes, Mailbox root, String hostname, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = tar(out);
        for (Mailbox mailbox : boxes) {
            String dir = mailbox.id() == root.id() ? "" : "." + mailbox.name().replace(Mailbox.DELIMITER, '.') + "/";
            directory(tar, dir + "cur/");
            directory(tar, dir + "new/");
            directory(tar, dir + "tmp/");
            List<MessageMeta> metas = mailboxes.messages(mailbox);
            Map<String, Integer> keywordIndex = new HashMap<>();
            metas.stream().flatMap(meta -> meta.flags().keywords().stream()).filter(k -> !k.equals(MaildirInfo.FORWARDED))
                    .distinct().sorted().forEach(keyword -> keywordIndex.put(keyword, keywordIndex.size()));
            if (!keywordIndex.isEmpty()) {
                file(tar, dir + DovecotKeywords.FILE_NAME, DovecotKeywords.format(keywordIndex).getBytes(StandardCharsets.UTF_8),
                        new Date());
            }
            for (MessageMeta meta : metas) {
                Optional<byte[]> raw = mailboxes.content(mailbox, meta.uid());
                if (raw.isPresent()) {
                    String name = meta.internalDate().getEpochSecond() + ".M" + meta.uid() + "P0." + hostname + ",S="
                            + raw.get().length + MaildirInfo.info(meta.flags(), keywordIndex);
                    file(tar, dir + "cur/" + name, raw.get(), Date.from(meta.internalDate()));
                }
            }
        }
        tar.finish();
    }

    private static TarArchiveOutputStream tar(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX); // long and non-ASCII names as PAX headers
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, Date modified) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setModTime(modified);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
