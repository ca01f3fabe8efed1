package io.mailplatform.webmail.transfer;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.webmail.config.HttpProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators move an account's mail in and out (admin credentials): import from an uploaded mbox file
 * or tar, tar.gz or zip archive of mbox files or Maildirs, or from a path under
 * {@code mail.webmail.import.allowed-directory}, as a job (202 and the job's URL); export a mailbox or
 * the whole account as mbox or as a Maildir tar, streamed as it is read.
 */
@RestController
@RequestMapping("/api/admin")
public class TransferAdminController {
    private static final MediaType MBOX = MediaType.parseMediaType("application/mbox");
    private static final MediaType TAR = MediaType.parseMediaType("application/x-tar");

    private final DirectoryService directory;
    private final MailboxService mailboxes;
    private final ImportJobs jobs;
    private final MailExporter exporter;
    private final TransferProperties properties;
    private final String hostname;

    public TransferAdminController(DirectoryService directory, MailboxService mailboxes, ImportJobs jobs,
            MailExporter exporter, TransferProperties properties, HttpProperties http) {
        this.directory = directory;
        this.mailboxes = mailboxes;
        this.jobs = jobs;
        this.exporter = exporter;
        this.properties = properties;
        this.hostname = http.hostname();
    }

    /** A server-side source: a path (absolute, or relative to the allowed directory). */
    public record PathImport(String path, String mailbox) {
    }

    @PostMapping(path = "/accounts/{address}/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ImportJob.View> importPath(@PathVariable String address, @RequestBody PathImport request)
            throws IOException {
        Account account = account(address);
        if (request.path() == null || request.path().isBlank()) {
            throw new IllegalArgumentException("path is required");
        }
        return accepted(jobs.importPath(account, allowedPath(request.path()), mailboxOrInbox(request.mailbox())));
    }

    /**
     * The body is the file: an mbox (imported into {@code mailbox}, INBOX by default) or an archive,
     * told apart by content; a form encoding (curl's default for {@code --data-binary}) is refused with 415, as
     * the servlet container would read such a body as form fields.
     */
    @PostMapping(path = "/accounts/{address}/import", consumes = {MediaType.APPLICATION_OCTET_STREAM_VALUE,
            "application/mbox", "application/x-tar", "application/gzip", "application/x-gzip", "application/zip",
            "application/x-zip-compressed", "application/x-compressed-tar"})
    public ResponseEntity<ImportJob.View> importUpload(@PathVariable String address,
            @RequestParam(required = false) String mailbox, HttpServletRequest request) throws IOException {
        Account account = account(address);
        long limit = properties.maxUploadSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw new UploadTooLargeException(limit);
        }
        Path upload = Files.createTempFile("import-", ".upload");
        try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(upload)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw new UploadTooLargeException(limit);
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw new IllegalArgumentException("the request has no body: send the mbox file or the archive");
            }
        } catch (IOException | RuntimeException e) {
            ImportJobs.delete(upload);
            throw e;
        }
        return accepted(jobs.importUpload(account, upload, mailboxOrInbox(mailbox)));
    }

    @GetMapping("/import-jobs/{id}")
    public ImportJob.View job(@PathVariable String id) {
        return jobs.find(id).orElseThrow(() -> new TransferNotFoundException("no import job " + id));
    }

    /**
     * @param format {@code mbox} or {@code maildir}
     * @param mailbox one mailbox; all of the account's when absent
     */
    @GetMapping("/accounts/{address}/export")
    public void export(@PathVariable String address, @RequestParam(defaultValue = "mbox") String format,
            @RequestParam(required = false) String mailbox, HttpServletResponse response) throws IOException {
        Account account = account(address);
        List<Mailbox> boxes = mailbox == null ? mailboxes.mailboxes(account.id())
                : List.of(mailboxes.require(account.id(), mailbox));
        String base = (mailbox == null ? account.address() : mailbox).replace('/', '_');
        switch (format) {
            case "mbox" -> {
                if (mailbox != null) {
                    headers(response, MBOX, base + ".mbox");
                    exporter.mbox(boxes.get(0), response.getOutputStream());
                } else {
                    headers(response, TAR, base + "-mbox.tar");
                    exporter.mboxTree(boxes, response.getOutputStream());
                }
            }
            case "maildir" -> {
                Mailbox root = mailbox == null ? mailboxes.require(account.id(), Mailbox.INBOX) : boxes.get(0);
                headers(response, TAR, base + "-maildir.tar");
                exporter.maildir(boxes, root, hostname, response.getOutputStream());
            }
            default -> throw new IllegalArgumentException("format must be mbox or maildir");
        }
    }

    private static void headers(HttpServletResponse response, MediaType type, String fileName) {
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
    }

    private Account account(String address) {
        return directory.findAccount(address).orElseThrow(() -> new TransferNotFoundException("no account " + address));
    }

    private static String mailboxOrInbox(String mailbox) {
        return mailbox == null || mailbox.isBlank() ? Mailbox.INBOX : mailbox;
    }

    /** The path, resolved with its links, if it lies in the allowed directory. */
    private Path allowedPath(String requested) throws IOException {
        if (properties.allowedDirectory() == null || properties.allowedDirectory().isBlank()) {
            throw new PathNotAllowedException("imports from server paths are off (mail.webmail.import.allowed-directory is not set)");
        }
        Path allowed = Path.of(properties.allowedDirectory()).toRealPath();
        Path path;
        try {
            path = allowed.resolve(requested).toRealPath();
        } catch (NoSuchFileException e) {
            throw new TransferNotFoundException("no such file or directory: " + requested);
        }
        if (!path.startsWith(allowed)) {
            throw new PathNotAllowedException("the path is outside mail.webmail.import.allowed-directory");
        }
        return path;
    }

    private static ResponseEntity<ImportJob.View> accepted(ImportJob job) {
        return ResponseEntity.accepted().location(URI.create("/api/admin/import-jobs/" + job.id())).body(job.view());
    }
}
