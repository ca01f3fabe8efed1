package io.mailplatform.webmail.transfer;

import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.store.directory.Account;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs imports one after another on a thread of their own (an import is bounded by the store, not
 * by this service's CPU; one at a time keeps the delivery path's database share), and keeps each job's
 * progress for the API while this instance runs. An uploaded source is unpacked first and its files
 * deleted when the job ends; a server-side path is read in place.
 */
@Component
public class ImportJobs implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final MailImporter importer;
    private final TransferProperties properties;
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "mail-import");
        thread.setDaemon(true);
        return thread;
    });

    public ImportJobs(MailImporter importer, TransferProperties properties) {
        this.importer = importer;
        this.properties = properties;
    }

    public Optional<ImportJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /**
     * Imports an upload: an mbox file (into {@code mailbox}) or an archive.
     *
     * @param upload a temporary file, owned by the job from now on
     */
    public ImportJob importUpload(Account account, Path upload, String mailbox) {
        ImportJob job = register(account);
        runner.execute(() -> {
            Path unpacked = null;
            try {
                ArchiveExtractor.Kind kind = ArchiveExtractor.detect(upload);
                Path source = upload;
                if (kind == ArchiveExtractor.Kind.TAR || kind == ArchiveExtractor.Kind.TAR_GZIP || kind == ArchiveExtractor.Kind.ZIP) {
                    unpacked = Files.createTempDirectory("import-");
                    ArchiveExtractor.extract(upload, kind, unpacked, properties.maxExtractedSize().toBytes());
                    source = unpacked;
                } else if (kind != ArchiveExtractor.Kind.MBOX) {
                    job.failed("the upload is neither an mbox file nor a tar, tar.gz or zip archive");
                    return;
                }
                importer.run(job, account, source, mailbox);
            } catch (IOException | RuntimeException e) {
                job.failed(e.getMessage());
            } finally {
                delete(upload);
                if (unpacked != null) {
                    delete(unpacked);
                }
            }
        });
        return job;
    }

    /** Imports from a path on this server (checked by the caller to lie in the allowed directory). */
    public ImportJob importPath(Account account, Path path, String mailbox) {
        ImportJob job = register(account);
        runner.execute(() -> importer.run(job, account, path, mailbox));
        return job;
    }

    private ImportJob register(Account account) {
        ImportJob job = new ImportJob(EnvelopeId.next().toLowerCase(), account.address(), properties.maxErrors());
        jobs.put(job.id(), job);
        return job;
    }

    static void delete(Path path) {
        try {
            if (Files.isDirectory(path)) {
                Files.walkFileTree(path, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("could not delete {}: {}", path, e.toString());
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
