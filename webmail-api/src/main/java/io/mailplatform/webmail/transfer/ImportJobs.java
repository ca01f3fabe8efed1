package io.mailplatform.webmail.transfer;

import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.transfer.ImportJobStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs imports one after another on a thread of their own (an import is bounded by the store, not
 * by this service's CPU; one at a time keeps the delivery path's database share). Each job's progress
 * is saved in the store ({@link ImportJobStore}) when it is queued, every {@link #SAVE_EVERY} while it
 * runs (its heartbeat) and when it ends, so any instance can answer for it later; a job whose
 * heartbeat has been silent for {@link #SILENCE} (its instance crashed) is reported INTERRUPTED, and
 * one still unfinished when this instance shuts down is saved INTERRUPTED at once. An uploaded source
 * is unpacked first and its files deleted when the job ends; a server-side path is read in place.
 */
@Component
public class ImportJobs implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    static final Duration SAVE_EVERY = Duration.ofSeconds(1);
    static final Duration SILENCE = Duration.ofSeconds(30);

    private final MailImporter importer;
    private final TransferProperties properties;
    private final ImportJobStore store;
    /** The jobs of this instance that have not ended, or whose end is not saved yet. */
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> daemon(r, "mail-import"));
    /** Set at shutdown: what the store holds then (INTERRUPTED) is the jobs' last word from this instance. */
    private volatile boolean closed;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mail-import-progress"));

    public ImportJobs(MailImporter importer, TransferProperties properties, ImportJobStore store) {
        this.importer = importer;
        this.properties = properties;
        this.store = store;
        saver.scheduleWithFixedDelay(this::saveAll, SAVE_EVERY.toMillis(), SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A job of this instance as it stands, else as the store last saw it (any instance's). */
    public Optional<ImportJob.View> find(String id) {
        ImportJob running = jobs.get(id);
        if (running != null) {
            return Optional.of(running.view());
        }
        store.interruptSilent(SILENCE);
        return store.find(id).map(ImportJob.View::of);
    }

    /** The heartbeat: every job's progress; ended jobs leave memory once their end is saved. */
    private synchronized void saveAll() {
        if (closed) {
            return;
        }
        for (ImportJob job : jobs.values()) {
            try {
                boolean ended = job.ended();
                store.save(job.view().record());
                if (ended) {
                    jobs.remove(job.id());
                }
            } catch (RuntimeException e) {
                // the store is away: the next beat tries again (a scheduled task that throws is never run again)
                log.warn("could not save import job {}: {}", job.id(), e.toString());
            }
        }
    }

    /**
     * Imports an upload: an mbox file (into {@code mailbox}) or an archive.
     *
     * @param upload a temporary file, owned by the job from now on
     */
    public ImportJob importUpload(Account account, Path upload, String mailbox) {
        ImportJob job = register(account);
        run(() -> {
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
        run(() -> importer.run(job, account, path, mailbox));
        return job;
    }

    /** Runs a job in turn, and saves how it ended as soon as it has. */
    private void run(Runnable work) {
        runner.execute(() -> {
            try {
                work.run();
            } finally {
                saveAll();
            }
        });
    }

    private ImportJob register(Account account) {
        ImportJob job = new ImportJob(EnvelopeId.next().toLowerCase(), account.address(), properties.maxErrors());
        store.save(job.view().record());
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
        saver.shutdownNow();
        for (ImportJob job : jobs.values()) {
            job.interrupted(ImportJobStore.INTERRUPTED_BECAUSE);
        }
        saveAll();
        closed = true;
    }
}
