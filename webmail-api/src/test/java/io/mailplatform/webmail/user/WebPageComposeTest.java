package io.mailplatform.webmail.user;

import static io.mailplatform.webmail.user.MessageApiTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.testsupport.browser.Chromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Writing mail in the web page (headless chromium) through the compose API: a reply with a file
 * attached, a forward that carries the original's attachment, a draft saved; each checked in the
 * store (Sent, Drafts) as the platform built it.
 */
class WebPageComposeTest extends BrowserPageTest {
    private static final String USER = "yara@compose.test";

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    Account yara;
    Mailbox inbox;
    long question;
    long report;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("compose.test");
        yara = directory.createAccount(USER, "secret");
        directory.createAccount("xavier@compose.test", "secret");
        inbox = mailboxes.require(yara.id(), "INBOX");
        question = mailboxes.append(inbox, bytes("""
                From: Xavier <xavier@compose.test>
                To: Yara <yara@compose.test>
                Subject: Hangar keys
                Date: Fri, 6 Mar 2026 08:00:00 +0000
                Message-ID: <keys@compose.test>

                Who has the hangar keys?
                """), MessageFlags.NONE, Instant.parse("2026-03-06T08:00:01Z")).uid();
        String pdf = Base64.getMimeEncoder().encodeToString("%PDF-1.4 flight plan".getBytes(StandardCharsets.US_ASCII));
        report = mailboxes.append(inbox, bytes("""
                From: Xavier <xavier@compose.test>
                To: yara@compose.test
                Subject: Flight plan
                Date: Fri, 6 Mar 2026 09:00:00 +0000
                Message-ID: <plan@compose.test>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; charset=utf-8

                The plan is attached.
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="plan.pdf"
                Content-Transfer-Encoding: base64

                PDF
                --b--
                """.replace("PDF", pdf)), MessageFlags.NONE, Instant.parse("2026-03-06T09:00:01Z")).uid();
    }

    private void open(long uid, String subject) {
        visible(By.cssSelector("#message-rows tr[data-uid='" + uid + "']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("reader-subject"), subject));
    }

    private String sent(String subject) {
        Mailbox sent = mailboxes.require(yara.id(), "Sent");
        wait.until(d -> mailboxes.messages(sent).stream().anyMatch(m -> content(sent, m).contains("Subject: " + subject)));
        return mailboxes.messages(sent).stream().map(m -> content(sent, m)).filter(c -> c.contains("Subject: " + subject))
                .findFirst().orElseThrow();
    }

    private String content(Mailbox mailbox, MessageMeta meta) {
        return new String(mailboxes.content(mailbox, meta.uid()).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void replyWithAFileForwardWithTheOriginalsAttachmentAndSaveADraft(@TempDir Path files) throws Exception {
        Path notes = Files.writeString(files.resolve("notes.txt"), "keys are with the night guard\n");
        logIn(USER);

        // reply: addressed to the author, subject and quote prefilled, a file attached
        open(question, "Hangar keys");
        browser.findElement(By.id("reply")).click();
        visible(By.id("compose"));
        assertThat(browser.findElement(By.id("compose-to")).getDomProperty("value")).isEqualTo("Xavier <xavier@compose.test>");
        assertThat(browser.findElement(By.id("compose-subject")).getDomProperty("value")).isEqualTo("Re: Hangar keys");
        assertThat(browser.findElement(By.id("compose-text")).getDomProperty("value")).contains("> Who has the hangar keys?");
        browser.findElement(By.id("compose-text")).sendKeys("The night guard has them.");
        browser.findElement(By.id("compose-files")).sendKeys(notes.toString());
        Chromium.screenshot(browser, "11-reply");
        browser.findElement(By.id("compose-send")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("compose")));
        String reply = sent("Re: Hangar keys");
        assertThat(reply).contains("In-Reply-To: <keys@compose.test>").contains("The night guard has them.")
                .contains("notes.txt");

        // forward: the original's attachment goes along
        open(report, "Flight plan");
        browser.findElement(By.id("forward")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compose-carried"), "plan.pdf"));
        browser.findElement(By.id("compose-to")).sendKeys("xavier@compose.test");
        browser.findElement(By.id("compose-send")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("compose")));
        assertThat(sent("Fwd: Flight plan")).contains("plan.pdf").contains("The plan is attached.");

        // a draft, saved to Drafts
        browser.findElement(By.id("compose-button")).click();
        visible(By.id("compose-to")).sendKeys("xavier@compose.test");
        browser.findElement(By.id("compose-subject")).sendKeys("Later");
        browser.findElement(By.id("compose-save")).click();
        Mailbox drafts = mailboxes.require(yara.id(), "Drafts");
        wait.until(d -> mailboxes.messages(drafts).size() == 1);
        assertThat(content(drafts, mailboxes.messages(drafts).get(0))).contains("Subject: Later");
        assertThat(mailboxes.messages(drafts).get(0).flags().names()).contains("\\Draft");
        browser.findElement(By.id("compose-discard")).click();
        assertThat(List.of(browser.findElement(By.id("compose")).isDisplayed())).containsExactly(false);
    }
}
