package io.mailplatform.webmail.user;

import static io.mailplatform.webmail.user.MailboxApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.Transcript;
import io.mailplatform.webmail.support.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages through the API on the real store: lists sorted, filtered, searched and paged by cursor;
 * one message as JSON with decoded headers, structured addresses, sanitised HTML and attachments;
 * downloads; flags; move, copy, delete; mbox export; the limits.
 */
class MessageApiTest extends UserApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER = "olga@messages.test";
    private static final byte[] PDF = "%PDF-1.4 pretend\n\u0000\u0001binary".getBytes(StandardCharsets.ISO_8859_1);

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    Account olga;
    Mailbox inbox;
    long plain;
    long mixed;
    long html;

    static byte[] bytes(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    void messages() throws Exception {
        directory.createDomain("messages.test");
        olga = directory.createAccount(USER, "secret");
        inbox = mailboxes.require(olga.id(), "INBOX");
        plain = mailboxes.append(inbox, bytes("""
                Return-Path: <alice@example.org>
                From: Alice Example <alice@example.org>
                To: Olga <olga@messages.test>, team: bob@example.org, carl@example.org;
                Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=
                Date: Mon, 2 Mar 2026 09:00:00 +0000
                Message-ID: <plain@example.org>

                Hello Olga, the zeppelin lands tomorrow.
                From the airfield we go on.
                >From quoted already.
                """), MessageFlags.of(List.of("\\Seen")), Instant.parse("2026-03-02T09:00:01Z")).uid();
        String pdf = Base64.getMimeEncoder().encodeToString(PDF);
        mixed = mailboxes.append(inbox, bytes("""
                From: "Zed" <zed@example.net>
                To: olga@messages.test
                Cc: Kim <kim@example.net>
                Reply-To: replies@example.net
                Subject: Invoice attached
                Date: Tue, 3 Mar 2026 10:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Gr=FC=DFe, see the invoice.
                --inner
                Content-Type: text/html; charset=utf-8

                <p>See the <b>invoice</b>.</p>
                --inner--
                --outer
                Content-Type: application/pdf
                Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf
                Content-Transfer-Encoding: base64

                PDFDATA
                --outer--
                """.replace("PDFDATA", pdf)), MessageFlags.of(List.of("\\Flagged")), Instant.parse("2026-03-03T10:00:01Z")).uid();
        html = mailboxes.append(inbox, bytes("""
                From: news@example.com
                To: olga@messages.test
                Subject: Newsletter
                Date: Wed, 4 Mar 2026 11:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/related; boundary="rel"

                --rel
                Content-Type: text/html; charset=utf-8

                <html><body onload="steal()"><h1>News</h1><script>alert(1)</script>
                <img src="https://tracker.example/p.gif"><img src="cid:logo@news">
                <a href="javascript:alert(2)">x</a></body></html>
                --rel
                Content-Type: image/png
                Content-ID: <logo@news>
                Content-Disposition: inline

                PNGDATA
                --rel--
                """), MessageFlags.NONE, Instant.parse("2026-03-04T11:00:01Z")).uid();
        for (int i = 0; i < 5; i++) {
            mailboxes.append(inbox, bytes("From: filler" + i + "@example.org\nSubject: Filler " + i
                    + "\nDate: Sun, 1 Feb 2026 0" + i + ":00:00 +0000\n\n" + "x".repeat(100 * (i + 1)) + "\n"),
                    MessageFlags.of(List.of("\\Seen")), Instant.parse("2026-02-01T0" + i + ":00:01Z"));
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = call("GET", path, null, USER);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> subjects(JsonNode page) {
        List<String> subjects = new ArrayList<>();
        page.get("messages").forEach(m -> subjects.add(m.get("subject").asString()));
        return subjects;
    }

    @Test
    void theListPagesByCursorNewestFirst() throws Exception {
        List<String> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/mailboxes/INBOX/messages?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("total").asLong()).isEqualTo(8);
            all.addAll(subjects(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(all).containsExactly("Newsletter", "Invoice attached", "Grüße aus Köln", "Filler 4", "Filler 3",
                "Filler 2", "Filler 1", "Filler 0");
    }

    @Test
    void sortsAndFilters() throws Exception {
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?sort=subject&order=asc&limit=3")))
                .containsExactly("Filler 0", "Filler 1", "Filler 2");
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?sort=size&limit=1"))).containsExactly("Invoice attached");
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?sort=from&order=asc&limit=1")))
                .containsExactly("Grüße aus Köln");
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?unseen=true"))).containsExactly("Newsletter", "Invoice attached");
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?flagged=true"))).containsExactly("Invoice attached");
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?hasAttachment=true")))
                .containsExactly("Newsletter", "Invoice attached");
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?q=zeppelin"))).containsExactly("Grüße aus Köln");
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?from=alice"))).containsExactly("Grüße aus Köln");
        assertThat(subjects(get("/api/mailboxes/INBOX/messages?subject=invoice&since=2026-03-01&before=2026-03-04")))
                .containsExactly("Invoice attached");
        JsonNode summary = get("/api/mailboxes/INBOX/messages?flagged=true").get("messages").get(0);
        assertThat(summary.get("from").get(0).get("name").asString()).isEqualTo("Zed");
        assertThat(summary.get("from").get(0).get("address").asString()).isEqualTo("zed@example.net");
        assertThat(summary.get("flagged").asBoolean()).isTrue();
        assertThat(summary.get("hasAttachments").asBoolean()).isTrue();
    }

    @Test
    void badListParametersAreProblemsNamingTheField() throws Exception {
        HttpResponse<String> tooMany = call("GET", "/api/mailboxes/INBOX/messages?limit=21", null, USER);
        assertProblem(tooMany, 400);
        assertThat(JSON.readTree(tooMany.body()).get("field").asString()).isEqualTo("limit");
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages?limit=0", null, USER), 400);
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages?sort=colour", null, USER), 400);
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages?order=sideways", null, USER), 400);
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages?cursor=%21%21", null, USER), 400);
        String dateCursor = get("/api/mailboxes/INBOX/messages?limit=1").get("nextCursor").asString();
        HttpResponse<String> otherOrder = call("GET", "/api/mailboxes/INBOX/messages?sort=subject&cursor=" + dateCursor, null, USER);
        assertProblem(otherOrder, 400);
        assertThat(JSON.readTree(otherOrder.body()).get("field").asString()).isEqualTo("cursor");
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages?since=yesterday", null, USER), 400);
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages?keyword=a%20b", null, USER), 400);
    }

    @Test
    void oneMessageAsJson() throws Exception {
        JsonNode message = get("/api/mailboxes/INBOX/messages/" + plain);
        assertThat(message.get("subject").asString()).isEqualTo("Grüße aus Köln");
        assertThat(message.get("from").get(0).get("name").asString()).isEqualTo("Alice Example");
        assertThat(message.get("to").size()).isEqualTo(3);
        assertThat(message.get("to").get(2).get("address").asString()).isEqualTo("carl@example.org");
        assertThat(message.get("text").asString()).contains("zeppelin");
        assertThat(message.get("html").isNull()).isTrue();
        assertThat(message.get("messageId").asString()).isEqualTo("<plain@example.org>");
        assertThat(message.get("headers").toString()).contains("\"name\":\"Subject\",\"value\":\"Grüße aus Köln\"");

        JsonNode invoice = get("/api/mailboxes/INBOX/messages/" + mixed);
        assertThat(invoice.get("text").asString()).startsWith("Grüße, see the invoice.");
        assertThat(invoice.get("html").asString()).isEqualTo("<p>See the <b>invoice</b>.</p>");
        assertThat(invoice.get("replyTo").get(0).get("address").asString()).isEqualTo("replies@example.net");
        assertThat(invoice.get("cc").get(0).get("name").asString()).isEqualTo("Kim");
        JsonNode attachment = invoice.get("attachments").get(0);
        assertThat(attachment.get("partId").asString()).isEqualTo("2");
        assertThat(attachment.get("name").asString()).isEqualTo("résumé.pdf");
        assertThat(attachment.get("type").asString()).isEqualTo("application/pdf");
        assertThat(attachment.get("size").asLong()).isBetween((long) PDF.length - 4, (long) PDF.length + 4);
        assertThat(invoice.get("attachments").size()).isEqualTo(1);
        // unrelated messages: each its own thread, named as IMAP's THREADID names it
        assertThat(message.get("threadId").asString()).matches("T[0-9a-f]{24}")
                .isNotEqualTo(invoice.get("threadId").asString());
    }

    @Test
    void htmlIsSanitisedAndRemoteImagesWaitForTheReader() throws Exception {
        JsonNode news = get("/api/mailboxes/INBOX/messages/" + html);
        String body = news.get("html").asString();
        assertThat(body).contains("<h1>News</h1>").doesNotContain("script").doesNotContain("onload")
                .doesNotContain("javascript").doesNotContain("tracker.example")
                .contains("src=\"/api/mailboxes/" + inbox.id() + "/messages/" + html + "/parts/2\"");
        assertThat(news.get("remoteContentBlocked").asBoolean()).isTrue();
        assertThat(news.get("attachments").get(0).get("inline").asBoolean()).isTrue();
        assertThat(news.get("attachments").get(0).get("contentId").asString()).isEqualTo("logo@news");
        JsonNode shown = get("/api/mailboxes/INBOX/messages/" + html + "?remoteContent=true");
        assertThat(shown.get("remoteContentBlocked").asBoolean()).isFalse();
        assertThat(shown.get("html").asString()).contains("https://tracker.example/p.gif").doesNotContain("script");
    }

    @Test
    void partsAndRawMessagesDownloadWithTypeAndSafeName() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();
        HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                + "/api/mailboxes/" + inbox.id() + "/messages/" + mixed + "/parts/2"))
                .header("Authorization", ApiClient.basic(USER, "secret")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(part.body()).isEqualTo(PDF);
        assertThat(part.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(part.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
        assertThat(part.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(part.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");

        HttpResponse<String> text = call("GET", "/api/mailboxes/INBOX/messages/" + mixed + "/parts/1.1", null, USER);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain;charset=iso-8859-1");
        assertThat(text.body()).startsWith("Grüße");

        HttpResponse<String> raw = call("GET", "/api/mailboxes/INBOX/messages/" + plain + "/raw", null, USER);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(raw.body()).contains("Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=");

        assertProblem(call("GET", "/api/mailboxes/INBOX/messages/" + mixed + "/parts/9", null, USER), 404);
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages/" + mixed + "/parts/0", null, USER), 404);
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages/" + mixed + "/parts/1", null, USER), 404);
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages/999/raw", null, USER), 404);
        assertProblem(call("GET", "/api/mailboxes/INBOX/messages/999", null, USER), 404);
    }

    @Test
    void flagsAndKeywords() throws Exception {
        HttpResponse<String> set = call("PATCH", "/api/mailboxes/INBOX/messages/" + html,
                "{\"add\":[\"\\\\Seen\",\"$Work\"]}", USER);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).get("flags").toString()).isEqualTo("[\"\\\\Seen\",\"$Work\"]");
        HttpResponse<String> cleared = call("PATCH", "/api/mailboxes/INBOX/messages/" + html,
                "{\"remove\":[\"\\\\Seen\",\"$Work\"]}", USER);
        assertThat(JSON.readTree(cleared.body()).get("flags").size()).isZero();
        assertProblem(call("PATCH", "/api/mailboxes/INBOX/messages/" + html, "{\"add\":[\"\\\\Bogus\"]}", USER), 400);
        assertProblem(call("PATCH", "/api/mailboxes/INBOX/messages/" + html, "{\"add\":[\"\\\\Recent\"]}", USER), 400);
        assertProblem(call("PATCH", "/api/mailboxes/INBOX/messages/" + html, "{\"add\":[\"two words\"]}", USER), 400);
        assertProblem(call("PATCH", "/api/mailboxes/INBOX/messages/999", "{\"add\":[\"$Work\"]}", USER), 404);
        assertProblem(call("POST", "/api/mailboxes/INBOX/messages/flags",
                "{\"uids\":[1,2,3,4,5,6],\"add\":[\"$Work\"]}", USER), 413);
        assertProblem(call("POST", "/api/mailboxes/INBOX/messages/flags",
                "{\"uids\":[],\"add\":[\"$Work\"]}", USER), 400);
        assertProblem(call("POST", "/api/mailboxes/INBOX/messages/flags",
                "{\"uids\":[1],\"add\":[\"" + "k".repeat(3000) + "\"]}", USER), 413);
    }

    @Test
    void moveCopyAndDeleteThroughTrash() throws Exception {
        Mailbox archive = mailboxes.create(olga.id(), "Archive");
        Mailbox work = mailboxes.create(olga.id(), "Work");
        long first = mailboxes.append(work, bytes("Subject: to move\n\nm\n"), MessageFlags.NONE, Instant.now()).uid();
        long second = mailboxes.append(work, bytes("Subject: to copy\n\nc\n"), MessageFlags.NONE, Instant.now()).uid();
        HttpResponse<String> moved = call("POST", "/api/mailboxes/Work/messages/move",
                "{\"uids\":[" + first + "],\"target\":\"" + archive.id() + "\"}", USER);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(JSON.readTree(moved.body()).get("targetUids").size()).isEqualTo(1);
        assertThat(mailboxes.message(work, first)).isEmpty();
        HttpResponse<String> copied = call("POST", "/api/mailboxes/Work/messages/copy",
                "{\"uids\":[" + second + "],\"target\":\"Archive\"}", USER);
        assertThat(JSON.readTree(copied.body()).get("uids").get(0).asLong()).isEqualTo(second);
        assertThat(mailboxes.message(work, second)).isPresent();
        assertThat(mailboxes.messages(mailboxes.refresh(archive))).hasSize(2);
        assertProblem(call("POST", "/api/mailboxes/Work/messages/copy", "{\"uids\":[" + second + "],\"target\":\"Work\"}",
                USER), 400);
        assertProblem(call("POST", "/api/mailboxes/Work/messages/copy", "{\"uids\":[" + second + "]}", USER), 400);

        HttpResponse<String> deleted = call("DELETE", "/api/mailboxes/Work/messages/" + second, null, USER);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("movedToTrash").asBoolean()).isTrue();
        Mailbox trash = mailboxes.require(olga.id(), "Trash");
        long inTrash = mailboxes.messages(trash).get(0).uid();
        HttpResponse<String> gone = call("POST", "/api/mailboxes/Trash/messages/delete", "{\"uids\":[" + inTrash + "]}", USER);
        assertThat(JSON.readTree(gone.body()).get("movedToTrash").asBoolean()).isFalse();
        assertThat(mailboxes.messages(trash)).isEmpty();
    }

    @Test
    void aMailboxExportsAsMboxrd() throws Exception {
        Mailbox box = mailboxes.create(olga.id(), "Export");
        mailboxes.append(box, bytes("""
                Return-Path: <alice@example.org>
                Subject: one

                From the start.
                >From quoted.
                """), MessageFlags.NONE, Instant.parse("2026-03-06T08:09:10Z"));
        mailboxes.append(box, bytes("Subject: two\n\nsecond\n"), MessageFlags.NONE, Instant.parse("2026-03-07T00:00:00Z"));
        HttpResponse<String> mbox = call("GET", "/api/mailboxes/" + box.id() + "/export", null, USER);
        assertThat(mbox.statusCode()).isEqualTo(200);
        assertThat(mbox.headers().firstValue("Content-Type")).hasValue("application/mbox");
        assertThat(mbox.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=\"Export.mbox\"");
        assertThat(mbox.body()).isEqualTo("""
                From alice@example.org Fri Mar  6 08:09:10 2026
                Return-Path: <alice@example.org>
                Subject: one
                Status: O
                X-Status:\s
                X-Keywords:

                >From the start.
                >>From quoted.

                From MAILER-DAEMON Sat Mar  7 00:00:00 2026
                Subject: two
                Status: O
                X-Status:\s
                X-Keywords:

                second

                """);
    }
}
