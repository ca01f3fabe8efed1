package io.mailplatform.webmail.user;

import static io.mailplatform.webmail.user.MessageApiTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.browser.Chromium;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Managing mailboxes in the web page (headless chromium): a folder created, refused when it exists
 * (the server's words shown in the dialog), renamed with its messages, unsubscribed and subscribed
 * again, deleted; each step checked in the store, which IMAP reads the same way.
 */
class WebPageFoldersTest extends BrowserPageTest {
    private static final String USER = "wanda@folders.test";

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    Account wanda;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("folders.test");
        wanda = directory.createAccount(USER, "secret");
        Mailbox inbox = mailboxes.require(wanda.id(), "INBOX");
        mailboxes.append(inbox, bytes("""
                From: victor@folders.test
                To: wanda@folders.test
                Subject: Budget
                Date: Fri, 6 Mar 2026 08:00:00 +0000

                Numbers inside.
                """), MessageFlags.NONE, Instant.parse("2026-03-06T08:00:01Z"));
    }

    private By folder(String name) {
        return By.cssSelector("#folder-list button.folder[title^='" + name + "']");
    }

    private Optional<Mailbox> stored(String name) {
        return mailboxes.find(wanda.id(), name);
    }

    private void openFolder(String name) {
        visible(folder(name)).click();
        wait.until(ExpectedConditions.attributeToBe(folder(name), "aria-current", "true"));
    }

    private void dialog(String name, String button) {
        WebElement field = visible(By.id("folder-name"));
        field.clear();
        field.sendKeys(name);
        assertThat(browser.findElement(By.id("folder-ok")).getText()).isEqualTo(button);
        browser.findElement(By.id("folder-ok")).click();
    }

    @Test
    void createRefuseRenameUnsubscribeAndDeleteAFolder() {
        logIn(USER);
        visible(folder("INBOX"));
        assertThat(browser.findElement(By.id("folder-delete")).isEnabled()).as("INBOX cannot be deleted").isFalse();

        // create a folder inside another: both exist, the new one is opened
        browser.findElement(By.id("folder-new")).click();
        dialog("Projects/2026", "Create");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("folder-dialog")));
        wait.until(ExpectedConditions.attributeToBe(folder("Projects/2026"), "aria-current", "true"));
        assertThat(stored("Projects/2026")).hasValueSatisfying(m -> assertThat(m.subscribed()).isTrue());
        assertThat(stored("Projects")).isPresent();
        Chromium.screenshot(browser, "21-folder-created");

        // the same name again: the dialog stays, with the server's refusal
        browser.findElement(By.id("folder-new")).click();
        dialog("Projects/2026", "Create");
        wait.until(ExpectedConditions.textMatches(By.id("folder-error"), java.util.regex.Pattern.compile("Creating the folder failed: .+")));
        assertThat(browser.findElement(By.id("folder-dialog")).isDisplayed()).isTrue();
        Chromium.screenshot(browser, "22-folder-exists");
        // an empty name is refused before asking the server
        dialog("", "Create");
        wait.until(ExpectedConditions.textToBe(By.id("folder-error"), "Give the folder a name."));
        browser.findElement(By.id("folder-cancel")).click();

        // move the message there, then rename the folder: the message goes along
        openFolder("INBOX");
        visible(By.cssSelector("#message-rows tr.message")).click();
        wait.until(ExpectedConditions.textToBe(By.id("reader-subject"), "Budget"));
        long projectsId = stored("Projects/2026").orElseThrow().id();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reader-move")))
                .selectByValue(String.valueOf(projectsId));
        wait.until(d -> mailboxes.messages(stored("Projects/2026").orElseThrow()).size() == 1);
        openFolder("Projects/2026");
        browser.findElement(By.id("folder-rename")).click();
        assertThat(visible(By.id("folder-name")).getDomProperty("value")).isEqualTo("Projects/2026");
        dialog("Projects/Done", "Rename");
        wait.until(ExpectedConditions.attributeToBe(folder("Projects/Done"), "aria-current", "true"));
        wait.until(ExpectedConditions.textToBe(By.id("list-title"), "Done"));
        assertThat(stored("Projects/2026")).isEmpty();
        assertThat(mailboxes.messages(stored("Projects/Done").orElseThrow())).hasSize(1);
        visible(By.cssSelector("#message-rows tr.message"));
        // the folder as an mbox file, with the session cookie
        Object export = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('folder-export').href)"
                + ".then(r => r.text().then(t => done(r.status + ' ' + r.headers.get('Content-Type') + ' ' + t)));");
        assertThat(String.valueOf(export)).startsWith("200 application/mbox").contains("Subject: Budget");
        assertThat(browser.findElement(By.id("folder-export")).getDomAttribute("download")).isEqualTo("Projects-Done.mbox");

        // unsubscribe and subscribe again (the box shows what the store holds)
        WebElement subscribed = browser.findElement(By.id("folder-subscribed"));
        if (!subscribed.isSelected()) {
            subscribed.click();
            wait.until(d -> stored("Projects/Done").orElseThrow().subscribed());
        }
        wait.until(ExpectedConditions.elementToBeSelected(By.id("folder-subscribed")));
        browser.findElement(By.id("folder-subscribed")).click();
        wait.until(d -> !stored("Projects/Done").orElseThrow().subscribed());
        wait.until(ExpectedConditions.attributeContains(folder("Projects/Done"), "class", "unsubscribed"));
        assertThat(browser.findElement(By.id("folder-subscribed")).isSelected()).isFalse();
        Chromium.screenshot(browser, "23-folder-unsubscribed");
        browser.findElement(By.id("folder-subscribed")).click();
        wait.until(d -> stored("Projects/Done").orElseThrow().subscribed());
        wait.until(ExpectedConditions.not(ExpectedConditions.attributeContains(folder("Projects/Done"), "class", "unsubscribed")));

        // delete: asked first, then gone with its message, and the Inbox is shown
        browser.findElement(By.id("folder-delete")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("folder-question"), "1 message"));
        assertThat(browser.findElement(By.id("folder-name")).isDisplayed()).isFalse();
        Chromium.screenshot(browser, "24-folder-delete");
        browser.findElement(By.id("folder-ok")).click();
        wait.until(d -> stored("Projects/Done").isEmpty());
        wait.until(ExpectedConditions.attributeToBe(folder("INBOX"), "aria-current", "true"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(folder("Projects/Done")));
        assertThat(stored("Projects")).as("the parent stays").isPresent();
    }
}
