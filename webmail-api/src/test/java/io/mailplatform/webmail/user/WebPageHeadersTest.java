package io.mailplatform.webmail.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.Transcript;
import io.mailplatform.webmail.support.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The web page's HTTP side: {@code /} and its files are readable without a login and come with a
 * strict Content-Security-Policy and the other protective headers, while every piece of mail still
 * needs the API's login; the message view the page frames has its own policy (no script at all); the
 * page's files carry no inline script or style that the policy would have to allow.
 */
class WebPageHeadersTest extends UserApiTest {
    private static final HttpClient HTTPS = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();
    private static final String USER = "vic@headers.test";
    private static final List<String> PAGE_FILES = List.of("index.html", "app/main.js", "app/api.js", "app/dom.js",
            "app/format.js", "app/folders.js", "app/folder-actions.js", "app/messages.js", "app/reader.js", "app/compose.js",
            "app/richtext.js", "app/webmail.css");

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    long uid;

    @BeforeAll
    void message() throws Exception {
        directory.createDomain("headers.test");
        Account vic = directory.createAccount(USER, "secret");
        Mailbox inbox = mailboxes.require(vic.id(), "INBOX");
        uid = mailboxes.append(inbox, """
                From: a@example.org\r
                Subject: styled\r
                Content-Type: text/html; charset=utf-8\r
                \r
                <p style="color: red">red</p><img src="https://tracker.example/p.gif"><script>x()</script>\r
                """.getBytes(StandardCharsets.UTF_8), MessageFlags.NONE, Instant.now()).uid();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
        headers.forEach(request::header);
        return HTTPS.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsFilesComeWithAStrictPolicyAndNeedNoLogin() throws Exception {
        for (String path : List.of("/", "/index.html", "/app/main.js", "/app/webmail.css")) {
            HttpResponse<String> page = get(path, Map.of());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(policy).as(path).contains("default-src 'self'").contains("script-src 'self'")
                    .contains("style-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            // nothing to read without a login, so no session either
            assertThat(page.headers().allValues("Set-Cookie")).as(path).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
        assertThat(get("/", Map.of()).body()).contains("<script type=\"module\" src=\"app/main.js\">");
        assertThat(get("/app/main.js", Map.of()).headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(get("/app/webmail.css", Map.of()).headers().firstValue("Content-Type").orElseThrow()).contains("text/css");
    }

    @Test
    void mailStillNeedsTheLoginAndThePageGetsNoPasswordDialog() throws Exception {
        HttpResponse<String> script = get("/api/mailboxes", Map.of());
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"mail\"");
        HttpResponse<String> page = get("/api/mailboxes", Map.of("X-Requested-With", "XMLHttpRequest"));
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        HttpResponse<String> events = get("/api/events", Map.of("Accept", "text/event-stream"));
        assertThat(events.statusCode()).isEqualTo(401);
        assertThat(events.headers().firstValue("WWW-Authenticate")).isEmpty();
        // the page's paths are for reading
        HttpResponse<String> post = HTTPS.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isIn(401, 403);
    }

    @Test
    void theFramedMessageViewRunsNoScriptAndLoadsNoRemoteImageUnlessAsked() throws Exception {
        String path = "/api/mailboxes/INBOX/messages/" + uid + "/html";
        Map<String, String> basic = Map.of("Authorization", ApiClient.basic(USER, "secret"));
        assertThat(get(path, Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> view = get(path, basic);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").contains("UTF-8");
        String policy = view.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'").contains("img-src 'self';").contains("frame-ancestors 'self'")
                .contains("sandbox").doesNotContain("allow-scripts").doesNotContain("script-src");
        assertThat(view.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(view.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(view.body()).contains("<p style=\"color: red\">red</p>").doesNotContain("<script>x()")
                .doesNotContain("tracker.example");
        HttpResponse<String> remote = get(path + "?remoteContent=true", basic);
        assertThat(remote.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("img-src 'self' https:");
        assertThat(remote.body()).contains("https://tracker.example/p.gif");
        // another account's message is not there for this one
        directory.createAccount("wes@headers.test", "secret");
        assertThat(get(path, Map.of("Authorization", ApiClient.basic("wes@headers.test",
                "secret"))).statusCode()).isEqualTo(404);
    }

    @Test
    void thePageFilesHoldNoInlineScriptStyleOrMarkupInjection() throws IOException {
        for (String file : PAGE_FILES) {
            String text = resource(file);
            assertThat(text).as(file).doesNotContain("innerHTML").doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(")
                    .doesNotContain("http://").doesNotContain("https://").doesNotContainPattern("setAttribute\\(\\s*'style'");
        }
        String index = resource("index.html");
        assertThat(index).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style")
                .doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = WebPageHeadersTest.class.getResourceAsStream("/static/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
