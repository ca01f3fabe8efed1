package io.mailplatform.webmail.transfer;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxExistsException;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.OverQuotaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports the folders of a source into an account: each message through the store's append (as IMAP
 * APPEND: quota, keywords and events as for any other), with its flags and internal date as the
 * source kept them (mbox: the flag fields and the From_ line's date; Maildir: the info letters with
 * {@code dovecot-keywords}, and the file's modification time, else the time in its name). A message
 * that cannot be imported is counted and listed; a full quota stops the job.
 */
@Component
public class MailImporter {
    private static final Logger log = LoggerFactory.getLogger(MailImporter.class);

    private final MailboxService mailboxes;
    private final long maxMessageSize;

    public MailImporter(MailboxService mailboxes, TransferProperties properties) {
        this.mailboxes = mailboxes;
        this.maxMessageSize = properties.maxMessageSize().toBytes();
    }

    public void run(ImportJob job, Account account, Path source, String singleFileMailbox) {
        try {
            List<MailFolder> folders = MailTreeScanner.scan(source, singleFileMailbox);
            if (folders.isEmpty()) {
                job.failed("no mbox file or Maildir found");
                return;
            }
            long total = 0;
            for (MailFolder folder : folders) {
                total += count(folder);
            }
            job.running(total);
            for (MailFolder folder : folders) {
                Mailbox mailbox = mailbox(account, folder.mailbox());
                if (folder.format() == MailFolder.Format.MBOX) {
                    importMbox(job, mailbox, folder);
                } else {
                    importMaildir(job, mailbox, folder);
                }
            }
            job.finished();
        } catch (OverQuotaException e) {
            job.failed("over quota: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("import {} failed", job.id(), e);
            job.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Mailbox mailbox(Account account, String name) {
        return mailboxes.find(account.id(), name).orElseGet(() -> {
            try {
                return mailboxes.create(account.id(), name);
            } catch (MailboxExistsException e) {
                return mailboxes.require(account.id(), name);
            }
        });
    }

    private long count(MailFolder folder) throws IOException {
        if (folder.format() == MailFolder.Format.MAILDIR) {
            return maildirFiles(folder.path()).size();
        }
        long count = 0;
        try (InputStream in = Files.newInputStream(folder.path())) {
            MboxReader reader = new MboxReader(in, 0); // counts without keeping any text
            while (reader.next() != null) {
                count++;
            }
        }
        return count;
    }

    private void importMbox(ImportJob job, Mailbox mailbox, MailFolder folder) throws IOException {
        try (InputStream in = Files.newInputStream(folder.path())) {
            MboxReader reader = new MboxReader(in, maxMessageSize);
            MboxMessage message;
            while ((message = reader.next()) != null) {
                String where = folder.mailbox() + " message " + message.number();
                if (message.tooLarge()) {
                    job.skipped(where + ": " + message.size() + " octets, over " + maxMessageSize);
                    continue;
                }
                Instant date = message.fromLineDate() == null ? Instant.now() : message.fromLineDate();
                append(job, mailbox, message.raw(), message.flags(), date, where);
            }
        }
    }

    private void importMaildir(ImportJob job, Mailbox mailbox, MailFolder folder) throws IOException {
        Path keywordsFile = folder.path().resolve(DovecotKeywords.FILE_NAME);
        Map<Integer, String> keywords = Files.isRegularFile(keywordsFile)
                ? DovecotKeywords.parse(Files.readString(keywordsFile, StandardCharsets.UTF_8)) : Map.of();
        for (Path file : maildirFiles(folder.path())) {
            String name = file.getFileName().toString();
            String where = folder.mailbox() + " " + name;
            long size = Files.size(file);
            if (size > maxMessageSize) {
                job.skipped(where + ": " + size + " octets, over " + maxMessageSize);
                continue;
            }
            boolean isNew = file.getParent().getFileName().toString().equals("new");
            MessageFlags flags = isNew ? MessageFlags.NONE : MaildirInfo.flags(name, keywords);
            Instant date = Files.getLastModifiedTime(file).toInstant();
            if (date.getEpochSecond() <= 0 && MaildirInfo.timestamp(name) != null) {
                date = MaildirInfo.timestamp(name);
            }
            append(job, mailbox, MailText.crlf(Files.readAllBytes(file)), flags, date, where);
        }
    }

    private void append(ImportJob job, Mailbox mailbox, byte[] raw, MessageFlags flags, Instant date, String where) {
        try {
            mailboxes.append(mailbox, raw, flags, date);
            job.imported();
        } catch (OverQuotaException e) {
            throw e;
        } catch (RuntimeException e) {
            job.skipped(where + ": " + e.getMessage());
        }
    }

    /** The messages of a Maildir: the files in {@code cur} and {@code new}, oldest name first (names start with the time). */
    private static List<Path> maildirFiles(Path maildir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : new String[] {"cur", "new"}) {
            Path dir = maildir.resolve(sub);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .filter(p -> !p.getFileName().toString().startsWith(".")).forEach(files::add);
                }
            }
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }
}
