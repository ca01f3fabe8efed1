package io.mailplatform.webmail.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.store.transfer.ImportJobRecord;
import io.mailplatform.store.transfer.ImportJobStore;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Import and export over the admin API on real PostgreSQL: an account exported as a Maildir tar, as a
 * tar of mbox files, one mailbox as mbox, and imported into other accounts, keeps every message's
 * octets, flags, keywords, internal date and folder; archives from elsewhere (zip, tar.gz, a Maildir++
 * tree on the server with Dovecot keywords) keep theirs; limits and wrong input get problems.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "mail.http.hostname=export.transfer.test",
                "mail.webmail.import.max-upload-size=1MB", "mail.webmail.import.max-message-size=20KB"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferApiTest {
    private static final Pattern JOB = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static Path allowed;

    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    DirectoryAdmin admin;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    ImportJobStore jobStore;
    @Autowired
    MailImporter importer;
    @Autowired
    TransferProperties properties;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void allowedDirectory(DynamicPropertyRegistry registry) throws Exception {
        allowed = Files.createTempDirectory("import-allowed-");
        registry.add("mail.webmail.import.allowed-directory", allowed::toString);
    }

    @BeforeAll
    void provision() throws Exception {
        directory.createDomain("transfer.test");
        Account source = directory.createAccount("source@transfer.test", "pw");
        Mailbox inbox = mailboxes.require(source.id(), "INBOX");
        Mailbox sent = mailboxes.require(source.id(), "Sent");
        Mailbox projects = mailboxes.create(source.id(), "Projects");
        Mailbox year = mailboxes.create(source.id(), "Projects/2024");
        append(inbox, "first", "plain text\r\n", new MessageFlags(MessageFlags.SEEN, Set.of()), "2020-01-02T03:04:05Z");
        append(inbox, "from lines", "From the start of a line\r\n>From quoted\r\n\r\nFrom after an empty line\r\n",
                new MessageFlags(MessageFlags.FLAGGED | MessageFlags.ANSWERED, Set.of("$Forwarded", "project-x")),
                "2021-06-30T23:59:59Z");
        append(inbox, "new mail", "unread\r\n", MessageFlags.NONE, "2024-02-29T12:00:00Z");
        append(sent, "Grüße", "gesendet\r\n", new MessageFlags(MessageFlags.SEEN | MessageFlags.DRAFT | MessageFlags.DELETED,
                Set.of("$Label1")), "2019-11-11T11:11:11Z");
        append(projects, "plan", "step 1\r\n", new MessageFlags(MessageFlags.SEEN, Set.of("project-x", "$Label2")),
                "2023-03-03T03:03:03Z");
        append(year, "report", "numbers\r\n", new MessageFlags(MessageFlags.SEEN, Set.of()), "2024-12-24T18:00:00Z");
    }

    private void append(Mailbox mailbox, String subject, String body, MessageFlags flags, String date) {
        String raw = "From: someone@elsewhere.test\r\nTo: source@transfer.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@elsewhere.test>\r\n\r\n" + body;
        mailboxes.append(mailbox, raw.getBytes(StandardCharsets.UTF_8), flags, Instant.parse(date));
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private byte[] export(String address, String query) throws Exception {
        HttpResponse<byte[]> response = api().send("GET", "/api/admin/accounts/" + address + "/export?" + query, null, null,
                "admin", "admin-secret");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }

    /** Uploads, then waits for the job to end; answers its final JSON. */
    private String importUpload(String address, String query, String type, byte[] body) throws Exception {
        HttpResponse<byte[]> response = api().send("POST", "/api/admin/accounts/" + address + "/import" + query, type, body,
                "admin", "admin-secret");
        String json = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(json).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/api/admin/import-jobs/"));
        return awaitJob(json);
    }

    private String awaitJob(String accepted) throws Exception {
        Matcher id = JOB.matcher(accepted);
        assertThat(id.find()).as(accepted).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String job = api().call("GET", "/api/admin/import-jobs/" + id.group(1), null, "admin", "admin-secret").body();
            if (job.contains("\"state\":\"DONE\"") || job.contains("\"state\":\"FAILED\"")) {
                return job;
            }
            assertThat(System.nanoTime()).as("job still running: " + job).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private Account account(String address) throws Exception {
        return directory.findAccount(address).isPresent() ? directory.findAccount(address).get()
                : directory.createAccount(address, "pw");
    }

    /** Every message of {@code from} in the same mailbox of {@code to}, the same octets, flags and date. */
    private void assertSameMail(String fromAddress, String fromMailbox, String toAddress, String toMailbox) throws Exception {
        Mailbox source = mailboxes.require(account(fromAddress).id(), fromMailbox);
        Mailbox target = mailboxes.require(account(toAddress).id(), toMailbox);
        List<MessageMeta> expected = mailboxes.messages(source);
        List<MessageMeta> actual = mailboxes.messages(target);
        assertThat(actual).as(toMailbox).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(mailboxes.content(target, actual.get(i).uid()).orElseThrow()).as(toMailbox + " #" + i)
                    .isEqualTo(mailboxes.content(source, expected.get(i).uid()).orElseThrow());
            assertThat(actual.get(i).flags()).as(toMailbox + " #" + i).isEqualTo(expected.get(i).flags());
            assertThat(actual.get(i).internalDate()).as(toMailbox + " #" + i).isEqualTo(expected.get(i).internalDate());
        }
    }

    private void assertSameAccount(String fromAddress, String toAddress) throws Exception {
        List<String> names = mailboxes.mailboxes(account(fromAddress).id()).stream().map(Mailbox::name).toList();
        assertThat(mailboxes.mailboxes(account(toAddress).id()).stream().map(Mailbox::name).toList())
                .containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertSameMail(fromAddress, name, toAddress, name);
        }
    }

    @Test
    void anAccountExportedAsMaildirImportsIntoAnotherUnchanged() throws Exception {
        account("maildir@transfer.test");
        byte[] tar = export("source@transfer.test", "format=maildir");
        String job = importUpload("maildir@transfer.test", "", "application/x-tar", tar);
        assertThat(job).contains("\"state\":\"DONE\"", "\"total\":6", "\"done\":6", "\"failed\":0");
        assertSameAccount("source@transfer.test", "maildir@transfer.test");

        // the same archive gzipped
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(tar);
        }
        account("gzip@transfer.test");
        assertThat(importUpload("gzip@transfer.test", "", "application/gzip", gzipped.toByteArray())).contains("\"state\":\"DONE\"");
        assertSameAccount("source@transfer.test", "gzip@transfer.test");
    }

    @Test
    void anAccountExportedAsMboxFilesImportsIntoAnotherUnchanged() throws Exception {
        account("mbox@transfer.test");
        byte[] tar = export("source@transfer.test", "format=mbox");
        String job = importUpload("mbox@transfer.test", "", "application/x-tar", tar);
        assertThat(job).contains("\"state\":\"DONE\"", "\"done\":6");
        // kept in the store, for any instance and after a restart
        Matcher id = JOB.matcher(job);
        assertThat(id.find()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!jobStore.find(id.group(1)).orElseThrow().state().equals("DONE")) {
            assertThat(System.nanoTime()).as("the end is saved").isLessThan(deadline);
            Thread.sleep(100);
        }
        ImportJobRecord stored = jobStore.find(id.group(1)).orElseThrow();
        assertThat(stored.account()).isEqualTo("mbox@transfer.test");
        assertThat(stored.done()).isEqualTo(6);
        assertThat(stored.total()).isEqualTo(6);
        assertThat(stored.finished()).isNotNull();
        for (String name : List.of("INBOX", "Sent", "Projects", "Projects/2024")) {
            assertSameMail("source@transfer.test", name, "mbox@transfer.test", name);
        }
    }

    @Test
    void oneMailboxAsMboxGoesIntoAMailboxTheOperatorNames() throws Exception {
        account("one@transfer.test");
        byte[] mbox = export("source@transfer.test", "format=mbox&mailbox=INBOX");
        String text = new String(mbox, StandardCharsets.UTF_8);
        assertThat(text).startsWith("From MAILER-DAEMON Thu Jan  2 03:04:05 2020\n").contains("\n>From the start of a line\n")
                .contains("\n>>From quoted\n").contains("X-Status: AF\nX-Keywords: $Forwarded project-x\n");
        assertThat(importUpload("one@transfer.test", "?mailbox=Archive/Old", "application/mbox", mbox))
                .contains("\"state\":\"DONE\"", "\"done\":3");
        assertSameMail("source@transfer.test", "INBOX", "one@transfer.test", "Archive/Old");
    }

    @Test
    void usersDownloadTheirOwnMailboxesAsMboxAndNoOneElses() throws Exception {
        account("other@transfer.test");
        long projects = mailboxes.require(directory.findAccount("source@transfer.test").orElseThrow().id(), "Projects/2024").id();
        String path = "/api/mailboxes/" + projects + "/export";
        HttpResponse<byte[]> own = api().send("GET", path, null, null, "source@transfer.test", "pw");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type")).hasValue("application/mbox");
        assertThat(new String(own.body(), StandardCharsets.UTF_8)).startsWith("From MAILER-DAEMON Tue Dec 24 18:00:00 2024\n")
                .contains("Subject: report\n");
        assertThat(api().send("GET", path, null, null, "other@transfer.test", "pw").statusCode()).isEqualTo(404);
        assertThat(api().send("GET", path, null, null, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aZippedMaildirFromElsewhereKeepsFlagsKeywordsDatesAndFolders() throws Exception {
        account("zip@transfer.test");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            zipFile(out, "Maildir/cur/1600000000.M1P1.old:2,FSb", "Subject: flagged\n\nhi\n", "2020-09-13T12:26:40Z");
            zipFile(out, "Maildir/new/1600000100.M2P1.old", "Subject: new\n\nunread\n", "2020-09-13T12:28:20Z");
            zipFile(out, "Maildir/dovecot-keywords", "0 $Junk\n1 work\n", "2020-01-01T00:00:00Z");
            zipFile(out, "Maildir/.Lists.java/cur/1500000000.M3P1.old:2,RS", "Subject: list\n\nmail\n", "2017-07-14T02:40:00Z");
            zipFile(out, "Maildir/.Lists.java/tmp/ignored", "Subject: in delivery\n\n", "2020-01-01T00:00:00Z");
            zipFile(out, "../escape/cur/1.M1P1.x:2,S", "Subject: outside\n\n", "2020-01-01T00:00:00Z");
        }
        String job = importUpload("zip@transfer.test", "", "application/zip", zip.toByteArray());
        assertThat(job).contains("\"state\":\"DONE\"", "\"total\":3", "\"done\":3");
        long id = account("zip@transfer.test").id();
        List<MessageMeta> inbox = mailboxes.messages(mailboxes.require(id, "INBOX"));
        assertThat(inbox).hasSize(2);
        assertThat(inbox.get(0).flags()).isEqualTo(new MessageFlags(MessageFlags.FLAGGED | MessageFlags.SEEN, Set.of("work")));
        assertThat(inbox.get(0).internalDate()).isEqualTo(Instant.parse("2020-09-13T12:26:40Z"));
        assertThat(inbox.get(1).flags()).isEqualTo(MessageFlags.NONE);
        assertThat(new String(mailboxes.content(mailboxes.require(id, "INBOX"), inbox.get(0).uid()).orElseThrow(),
                StandardCharsets.US_ASCII)).isEqualTo("Subject: flagged\r\n\r\nhi\r\n");
        List<MessageMeta> list = mailboxes.messages(mailboxes.require(id, "Lists/java"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).flags()).isEqualTo(new MessageFlags(MessageFlags.ANSWERED | MessageFlags.SEEN, Set.of()));
        assertThat(list.get(0).internalDate()).isEqualTo(Instant.parse("2017-07-14T02:40:00Z"));
    }

    private static void zipFile(ZipOutputStream out, String name, String content, String modified) throws Exception {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FileTime.from(Instant.parse(modified)));
        out.putNextEntry(entry);
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Test
    void aServerPathInsideTheAllowedDirectoryIsImportedAndOthersAreRefused() throws Exception {
        account("path@transfer.test");
        Path maildir = Files.createDirectories(allowed.resolve("alice/Maildir"));
        Files.createDirectories(maildir.resolve("cur"));
        Path message = Files.writeString(maildir.resolve("cur/1700000000.M9P9.host,S=20:2,S"), "Subject: on disk\n\nx\n");
        Files.setLastModifiedTime(message, FileTime.from(Instant.parse("2023-11-14T22:13:20Z")));
        HttpResponse<String> accepted = api().call("POST", "/api/admin/accounts/path@transfer.test/import",
                "{\"path\":\"alice/Maildir\"}", "admin", "admin-secret");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(awaitJob(accepted.body())).contains("\"state\":\"DONE\"", "\"done\":1");
        List<MessageMeta> inbox = mailboxes.messages(mailboxes.require(account("path@transfer.test").id(), "INBOX"));
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).internalDate()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));

        Path outside = Files.createTempDirectory("outside-");
        assertThat(api().call("POST", "/api/admin/accounts/path@transfer.test/import", "{\"path\":\"" + outside + "\"}",
                "admin", "admin-secret").statusCode()).isEqualTo(403);
        assertThat(api().call("POST", "/api/admin/accounts/path@transfer.test/import", "{\"path\":\"../\"}",
                "admin", "admin-secret").statusCode()).isEqualTo(403);
        assertThat(api().call("POST", "/api/admin/accounts/path@transfer.test/import", "{\"path\":\"missing\"}",
                "admin", "admin-secret").statusCode()).isEqualTo(404);
        Files.createSymbolicLink(allowed.resolve("link"), outside);
        assertThat(api().call("POST", "/api/admin/accounts/path@transfer.test/import", "{\"path\":\"link\"}",
                "admin", "admin-secret").statusCode()).isEqualTo(403);
    }

    @Test
    void limitsAndWrongRequestsGetProblems() throws Exception {
        account("limits@transfer.test");
        HttpResponse<byte[]> big = api().send("POST", "/api/admin/accounts/limits@transfer.test/import", "application/mbox",
                new byte[2 * 1024 * 1024], "admin", "admin-secret");
        assertThat(big.statusCode()).isEqualTo(413);
        String tooLarge = "From a Mon Jan  1 00:00:00 2024\nSubject: big\n\n" + "x".repeat(30_000)
                + "\n\nFrom b Mon Jan  1 00:00:00 2024\nSubject: small\n\nok\n";
        String job = importUpload("limits@transfer.test", "", "application/mbox", tooLarge.getBytes(StandardCharsets.UTF_8));
        assertThat(job).contains("\"state\":\"DONE\"", "\"total\":2", "\"done\":1", "\"failed\":1", "over 20480");
        assertThat(importUpload("limits@transfer.test", "", "application/octet-stream", "not mail".getBytes(StandardCharsets.UTF_8)))
                .contains("\"state\":\"FAILED\"");
        assertThat(api().send("POST", "/api/admin/accounts/limits@transfer.test/import", "application/x-www-form-urlencoded",
                tooLarge.getBytes(StandardCharsets.UTF_8), "admin", "admin-secret").statusCode()).isEqualTo(415);
        assertThat(api().call("GET", "/api/admin/import-jobs/nope", null, "admin", "admin-secret").statusCode()).isEqualTo(404);
        assertThat(api().send("GET", "/api/admin/accounts/source@transfer.test/export?format=zip", null, null, "admin",
                "admin-secret").statusCode()).isEqualTo(400);
        assertThat(api().send("GET", "/api/admin/accounts/nobody@transfer.test/export", null, null, "admin",
                "admin-secret").statusCode()).isEqualTo(404);
        assertThat(api().send("GET", "/api/admin/accounts/source@transfer.test/export?mailbox=Nope", null, null, "admin",
                "admin-secret").statusCode()).isEqualTo(404);
        assertThat(api().send("GET", "/api/admin/accounts/source@transfer.test/export", null, null, "source@transfer.test",
                "pw").statusCode()).isEqualTo(403);
        assertThat(api().send("POST", "/api/admin/accounts/source@transfer.test/import", "application/mbox",
                tooLarge.getBytes(StandardCharsets.UTF_8), "source@transfer.test", "pw").statusCode()).isEqualTo(403);
    }

    @Test
    void aJobWhoseInstanceStoppedIsReportedInterruptedWithItsProgress() throws Exception {
        Instant started = Instant.parse("2026-03-06T10:00:00Z");
        jobStore.save(new ImportJobRecord("cut-off", "source@transfer.test", "RUNNING", 100, 40, 1,
                List.of("mbox message 3: 30000 octets, over 20480"), null, started, null));
        jobStore.save(new ImportJobRecord("running-elsewhere", "source@transfer.test", "RUNNING", 100, 10, 0,
                List.of(), null, started, null));
        // the instance running "cut-off" stopped a minute ago: no heartbeat since
        jdbc.sql("UPDATE import_jobs SET heartbeat_at = now() - interval '1 minute' WHERE id = 'cut-off'").update();

        HttpResponse<String> cut = api().call("GET", "/api/admin/import-jobs/cut-off", null, "admin", "admin-secret");
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).contains("\"state\":\"INTERRUPTED\"", "\"total\":100", "\"done\":40", "\"failed\":1",
                "over 20480", "\"failure\":\"" + ImportJobStore.INTERRUPTED_BECAUSE + "\"");
        assertThat(jobStore.find("cut-off").orElseThrow().finished()).isNotNull();
        // another instance's job, its heartbeat fresh, is left running
        assertThat(api().call("GET", "/api/admin/import-jobs/running-elsewhere", null, "admin", "admin-secret").body())
                .contains("\"state\":\"RUNNING\"", "\"done\":10");
    }

    @Test
    void jobsUnfinishedAtAnOrderlyShutdownAreSavedInterruptedAtOnce() throws Exception {
        ImportJobs stopping = new ImportJobs(importer, properties, jobStore);
        Path upload = Files.createTempDirectory("import-fifo-").resolve("upload");
        // a named pipe: the runner waits on it until this test writes, so the first job is held and the second queued
        assertThat(new ProcessBuilder("mkfifo", upload.toString()).start().waitFor()).isZero();
        Account target = account("shutdown@transfer.test");
        String held = stopping.importUpload(target, upload, null).id();
        String queued = stopping.importPath(target, allowed, null).id();
        stopping.destroy();
        for (String id : List.of(held, queued)) {
            ImportJobRecord stored = jobStore.find(id).orElseThrow();
            assertThat(stored.state()).as(id).isEqualTo("INTERRUPTED");
            assertThat(stored.failure()).isEqualTo(ImportJobStore.INTERRUPTED_BECAUSE);
            assertThat(stored.finished()).isNotNull();
        }
        // the held job's thread ends (an empty upload), and its end is not saved over the interruption
        Files.write(upload, new byte[0]);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Files.exists(upload)) {
            assertThat(System.nanoTime()).as("the upload is removed when its job ends").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(200);
        assertThat(jobStore.find(held).orElseThrow().state()).isEqualTo("INTERRUPTED");
    }

    @Test
    void aFullQuotaEndsTheJob() throws Exception {
        account("quota@transfer.test");
        admin.setQuota("quota@transfer.test", 300L);
        String job = importUpload("quota@transfer.test", "", "application/x-tar", export("source@transfer.test", "format=maildir"));
        assertThat(job).contains("\"state\":\"FAILED\"", "over quota");
        assertThat(mailboxes.messages(mailboxes.require(account("quota@transfer.test").id(), "INBOX")).size()).isLessThan(3);
    }
}
