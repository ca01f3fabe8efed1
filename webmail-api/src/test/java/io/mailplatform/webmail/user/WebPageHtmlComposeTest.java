package io.mailplatform.webmail.user;

import static io.mailplatform.webmail.user.MessageApiTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.browser.Chromium;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rich text in the web page's compose dialog (headless chromium): bold, a bulleted list and a link
 * typed with the toolbar go out as multipart/alternative, the HTML and a plain-text version of it;
 * a reply to an HTML message is written in HTML with the original quoted in a blockquote (its
 * script not copied), its text part quoted with "> ".
 */
class WebPageHtmlComposeTest extends BrowserPageTest {
    private static final String USER = "rita@rich.test";

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    Account rita;
    long newsletter;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("rich.test");
        rita = directory.createAccount(USER, "secret");
        directory.createAccount("ugo@rich.test", "secret");
        Mailbox inbox = mailboxes.require(rita.id(), "INBOX");
        newsletter = mailboxes.append(inbox, bytes("""
                From: Ugo <ugo@rich.test>
                To: rita@rich.test
                Subject: Gate
                Date: Fri, 6 Mar 2026 08:00:00 +0000
                Message-ID: <gate@rich.test>
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <p>The <b>gate code</b> is <i>4711</i>.</p><script>document.title='owned'</script>
                """), MessageFlags.NONE, Instant.parse("2026-03-06T08:00:01Z")).uid();
    }

    private void format(String command) {
        browser.findElement(By.cssSelector("[data-format='" + command + "']")).click();
    }

    /** The Sent copy with this subject, parsed. */
    private MimeMessage sent(String subject) throws Exception {
        Mailbox sent = mailboxes.require(rita.id(), "Sent");
        wait.until(d -> mailboxes.messages(sent).stream().anyMatch(m -> raw(sent, m.uid()).contains("Subject: " + subject)));
        long uid = mailboxes.messages(sent).stream().filter(m -> raw(sent, m.uid()).contains("Subject: " + subject))
                .findFirst().orElseThrow().uid();
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mailboxes.content(sent, uid).orElseThrow()));
    }

    private String raw(Mailbox mailbox, long uid) {
        return new String(mailboxes.content(mailbox, uid).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sends, and fails with what the dialog says if it stays open. */
    private void send() {
        browser.findElement(By.id("compose-send")).click();
        wait.until(d -> !d.findElement(By.id("compose")).isDisplayed()
                || !d.findElement(By.id("compose-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("compose-error")).getText()).isEmpty();
    }

    @Test
    void boldListAndLinkGoOutAsHtmlWithTextAndAnHtmlReplyQuotesTheOriginal() throws Exception {
        logIn(USER);

        // a new message in rich text
        visible(By.id("compose-button")).click();
        visible(By.id("compose-to")).sendKeys("ugo@rich.test");
        browser.findElement(By.id("compose-subject")).sendKeys("Agenda");
        browser.findElement(By.id("compose-rich")).click();
        WebElement editor = visible(By.id("compose-html"));
        assertThat(browser.findElement(By.id("compose-text")).isDisplayed()).isFalse();
        editor.click();
        editor.sendKeys("Monday: ");
        format("bold");
        editor.sendKeys("be on time");
        format("bold");
        editor.sendKeys("!", Keys.ENTER);
        format("insertUnorderedList");
        editor.sendKeys("Budget", Keys.ENTER, "Hiring", Keys.ENTER, Keys.ENTER);
        editor.sendKeys("Notes in the wiki");
        // select "the wiki" and make it a link
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.LEFT.toString().repeat(8)).keyUp(Keys.SHIFT).perform();
        browser.findElement(By.id("compose-link")).sendKeys("https://wiki.rich.test/agenda");
        browser.findElement(By.id("compose-link-apply")).click();
        wait.until(d -> editor.findElements(By.cssSelector("a[href='https://wiki.rich.test/agenda']")).size() == 1);
        Chromium.screenshot(browser, "31-rich-compose");
        send();

        MimeMessage agenda = sent("Agenda");
        assertThat(agenda.getContentType()).startsWith("multipart/alternative");
        Multipart alternative = (Multipart) agenda.getContent();
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                .contains("Monday: be on time!").contains("- Budget\n- Hiring")
                .contains("Notes in the wiki <https://wiki.rich.test/agenda>");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) alternative.getBodyPart(1).getContent())
                .contains("<b>be on time</b>").contains("<ul><li>Budget</li><li>Hiring</li></ul>")
                .contains("<a href=\"https://wiki.rich.test/agenda\">the wiki</a>");

        // a reply to an HTML message is rich text, the original quoted without its script
        visible(By.cssSelector("#message-rows tr[data-uid='" + newsletter + "']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("reader-subject"), "Gate"));
        browser.findElement(By.id("reply")).click();
        visible(By.id("compose-html"));
        assertThat(browser.findElement(By.id("compose-rich")).isSelected()).isTrue();
        WebElement quoted = browser.findElement(By.cssSelector("#compose-html blockquote"));
        assertThat(quoted.findElement(By.tagName("b")).getText()).isEqualTo("gate code");
        assertThat(browser.findElements(By.cssSelector("#compose-html script"))).isEmpty();
        // typed where the caret is, as a person would: on the line above the quote
        new Actions(browser).sendKeys("Thanks!").perform();
        Chromium.screenshot(browser, "32-rich-reply");
        send();

        MimeMessage reply = sent("Re: Gate");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<gate@rich.test>");
        Multipart parts = (Multipart) reply.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).startsWith("Thanks!")
                .contains("wrote:\n> The gate code is 4711.");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Thanks!")
                .contains("<blockquote type=\"cite\"><p>The <b>gate code</b> is <i>4711</i>.</p>")
                .doesNotContain("script").doesNotContain("owned");
        assertThat(browser.getTitle()).isEqualTo("Webmail");
    }
}
