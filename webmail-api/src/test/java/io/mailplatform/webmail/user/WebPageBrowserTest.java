package io.mailplatform.webmail.user;

import static io.mailplatform.webmail.user.MessageApiTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.testsupport.Transcript;
import io.mailplatform.webmail.events.WebmailEventFeed;
import io.mailplatform.testsupport.browser.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The web page in a real browser (headless chromium through chromedriver) against the real API on
 * its HTTPS port: log in, see a stored message in the list, see new mail arrive without a reload
 * (server-sent events), read the sanitised HTML in the sandboxed frame while the message's script
 * stays dead, flag the message, start a reply, delete it to Trash, log out. Screenshots of each step go to
 * {@code target/browser/}.
 */
class WebPageBrowserTest extends BrowserPageTest {
    private static final String USER = "uma@page.test";

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    WebmailEventFeed feed;

    Account uma;
    Mailbox inbox;
    long hostile;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("page.test");
        uma = directory.createAccount(USER, "secret");
        inbox = mailboxes.require(uma.id(), "INBOX");
        // what sanitising must defuse, and the sandbox and policy of the frame would stop all the same
        hostile = mailboxes.append(inbox, bytes("""
                From: Zeppelin Office <office@zeppelin.example>
                To: Uma <uma@page.test>
                Subject: Landing time
                Date: Thu, 5 Mar 2026 08:00:00 +0000
                Message-ID: <landing@zeppelin.example>
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <html><head><script>parent.document.title = 'owned by head script';</script></head>
                <body onload="parent.document.title = 'owned by onload'">
                <p>Hello <b>Uma</b>, the zeppelin lands at noon.</p>
                <p style="color: rgb(200, 0, 0)">Bring a hat.</p>
                <script>parent.document.title = 'owned by script'; alert('owned');</script>
                <img src="x" onerror="parent.document.title = 'owned by onerror'">
                <a href="javascript:parent.document.title = 'owned by link'">timetable</a>
                </body></html>
                """), MessageFlags.NONE, Instant.parse("2026-03-05T08:00:01Z")).uid();
        assertThat(feed.awaitAssignment(Duration.ofSeconds(60))).as("the event feed reads mailbox.events").isTrue();
    }

    private static By row(long uid) {
        return By.cssSelector("#message-rows tr[data-uid='" + uid + "']");
    }

    @Test
    void logInReadFlagDeleteAndLogOut() throws Exception {
        fillLogin(USER);
        Chromium.screenshot(browser, "01-login");
        browser.findElement(By.id("login-button")).click();

        // the message list of the INBOX, with the stored message, unread
        WebElement landing = visible(row(hostile));
        assertThat(landing.getText()).contains("Zeppelin Office").contains("Landing time");
        assertThat(landing.getAttribute("class")).contains("unseen");
        assertThat(visible(By.cssSelector("#folder-list [aria-current=true]")).getText()).contains("Inbox").contains("1");
        visible(By.id("live"));
        Chromium.screenshot(browser, "02-inbox");

        // new mail appears without a reload (the page's event stream is open: "live" shows)
        long later = mailboxes.append(inbox, bytes("""
                From: Ops <ops@zeppelin.example>
                To: uma@page.test
                Subject: Weather report
                Date: Thu, 5 Mar 2026 09:00:00 +0000

                Calm winds.
                """), MessageFlags.NONE, Instant.parse("2026-03-05T09:00:01Z")).uid();
        assertThat(visible(row(later)).getText()).contains("Weather report");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#folder-list [aria-current=true] .count"), "2"));

        // open it: the sanitised HTML in the sandboxed frame, styled, with nothing of the script left running
        browser.findElement(row(hostile)).click();
        wait.until(ExpectedConditions.textToBe(By.id("reader-subject"), "Landing time"));
        WebElement frame = browser.findElement(By.id("reader-body"));
        assertThat(frame.getAttribute("sandbox")).doesNotContain("allow-scripts");
        wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("reader-body")));
        // (the sanitiser keeps no id attributes: the elements are found by what they are)
        WebElement news = visible(By.cssSelector("p"));
        assertThat(news.getText()).isEqualTo("Hello Uma, the zeppelin lands at noon.");
        assertThat(news.findElement(By.tagName("b")).getText()).isEqualTo("Uma");
        assertThat(browser.findElement(By.cssSelector("p[style]")).getCssValue("color")).isEqualTo("rgba(200, 0, 0, 1)");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getAttribute("onload")).isNull();
        assertThat(browser.findElement(By.tagName("img")).getAttribute("onerror")).isNull();
        String href = browser.findElement(By.tagName("a")).getAttribute("href");
        assertThat(href == null ? "" : href).doesNotContain("javascript");
        browser.switchTo().defaultContent();
        Chromium.screenshot(browser, "03-message");
        assertThat(browser.getTitle()).isEqualTo("Webmail");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        // opening marked it read
        wait.until(ExpectedConditions.attributeContains(row(hostile), "class", "message seen"));
        assertThat(flags(hostile)).contains("\\Seen");

        // flag it
        browser.findElement(By.id("toggle-flag")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("toggle-flag"), "aria-pressed", "true"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#message-rows tr[data-uid='" + hostile + "'] .star"),
                "aria-pressed", "true"));
        assertThat(flags(hostile)).contains("\\Flagged");
        Chromium.screenshot(browser, "04-flagged");

        // a reply starts addressed to the author, with the subject and the quoted text
        browser.findElement(By.id("reply")).click();
        visible(By.id("compose"));
        assertThat(browser.findElement(By.id("compose-to")).getDomProperty("value"))
                .isEqualTo("Zeppelin Office <office@zeppelin.example>");
        assertThat(browser.findElement(By.id("compose-subject")).getDomProperty("value")).isEqualTo("Re: Landing time");
        assertThat(browser.findElement(By.id("compose-text")).getDomProperty("value"))
                .contains("> Hello Uma, the zeppelin lands at noon.");
        browser.findElement(By.id("compose-discard")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("compose")));

        // delete it: gone from the list and the pane, in Trash
        browser.findElement(By.id("delete-message")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(row(hostile)));
        visible(By.id("reader-empty"));
        assertThat(mailboxes.message(inbox, hostile)).isEmpty();
        Mailbox trash = mailboxes.require(uma.id(), "Trash");
        assertThat(mailboxes.messages(trash)).extracting(MessageMeta::uid).hasSize(1);
        assertThat(browser.findElement(row(later)).isDisplayed()).isTrue();
        Chromium.screenshot(browser, "05-deleted");

        // log out: the login form again, and the session cookie is worth nothing any more
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        browser.findElement(By.id("logout-button")).click();
        visible(By.id("login-form"));
        assertThat(browser.findElement(By.id("mail-view")).isDisplayed()).isFalse();
        Chromium.screenshot(browser, "06-logged-out");
        assertThat(withCookie("/api/mailboxes", session).statusCode()).isEqualTo(401);
    }

    private List<String> flags(long uid) {
        return mailboxes.message(inbox, uid).orElseThrow().flags().names();
    }

    private HttpResponse<String> withCookie(String path, Cookie cookie) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .header("Cookie", cookie.getName() + "=" + cookie.getValue()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
