package io.mailplatform.webmail.user;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lists clients poll carry a weak ETag: the same request with {@code If-None-Match} is an empty
 * {@code 304} until something the list shows changes (a new message, a flag, an expunge, a new mailbox)
 * or the request asks for something else.
 */
class ListETagApiTest extends UserApiTest {
    private static final String USER = "etta@etags.test";
    private static final HttpClient HTTPS = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    private Mailbox inbox;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("etags.test");
        Account account = directory.createAccount(USER, "secret");
        inbox = mailboxes.require(account.id(), "INBOX");
        append();
        append();
    }

    private void append() {
        mailboxes.append(inbox, "From: a@example.org\r\nSubject: poll\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
                MessageFlags.NONE, Instant.now());
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .header("Authorization", ApiClient.basic(USER, "secret"));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTPS.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts the answer is a 200 with a weak tag other than {@code previous}, and answers the tag. */
    private String changed(String path, String previous) throws Exception {
        HttpResponse<String> response = get(path, previous);
        assertThat(response.statusCode()).isEqualTo(200);
        String tag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(tag).startsWith("W/\"").isNotEqualTo(previous);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-cache", "private").doesNotContain("no-store"));
        return tag;
    }

    private void unchanged(String path, String tag) throws Exception {
        HttpResponse<String> response = get(path, tag);
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(tag);
    }

    @Test
    void mailboxList() throws Exception {
        String tag = changed("/api/mailboxes", null);
        unchanged("/api/mailboxes", tag);
        assertThat(get("/api/mailboxes", "\"other\", " + tag).statusCode()).isEqualTo(304);

        append();
        String afterAppend = changed("/api/mailboxes", tag);
        assertThat(call("POST", "/api/mailboxes", "{\"name\":\"Archive\"}", USER).statusCode()).isEqualTo(201);
        changed("/api/mailboxes", afterAppend);
    }

    @Test
    void messageListPages() throws Exception {
        String path = "/api/mailboxes/INBOX/messages?limit=1&sort=date";
        String tag = changed(path, null);
        unchanged(path, tag);
        // another page, filter or order is another list
        String other = changed("/api/mailboxes/INBOX/messages?limit=2&sort=date", tag);
        unchanged("/api/mailboxes/INBOX/messages?limit=2&sort=date", other);

        assertThat(call("PATCH", "/api/mailboxes/INBOX/messages/1", "{\"add\":[\"\\\\Seen\"]}", USER).statusCode())
                .isEqualTo(200);
        String afterFlag = changed(path, tag);
        unchanged(path, afterFlag);

        append();
        String afterAppend = changed(path, afterFlag);

        assertThat(call("DELETE", "/api/mailboxes/INBOX/messages/1", null, USER).statusCode()).isEqualTo(200);
        changed(path, afterAppend);
        // a bad parameter is still a problem, not a 304
        assertThat(get("/api/mailboxes/INBOX/messages?limit=x", afterAppend).statusCode()).isEqualTo(400);
    }
}
