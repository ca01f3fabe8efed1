package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.testsupport.browser.Chromium;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole platform through a person's eyes, in Debian's chromium: a message sent over SMTP is read
 * in the webmail page, answered there with a file attached, and the answer arrives in the sender's
 * INBOX, read over IMAP, with the attachment and In-Reply-To. Each step is a screenshot in
 * {@code target/browser/}.
 */
@StandaloneTest
class WebmailBrowserEndToEndTest {
    private static final String ALICE = "alice@example.test";
    private static final String PASSWORD = "wonder land";
    private static final String DAN = "dan@example.test";

    @LocalServerPort
    int httpPort;
    @Autowired
    ImapServer imap;
    @Autowired
    SmtpServer smtp;

    @BeforeAll
    void provision(@Autowired FirstAccount firstAccount) throws Exception {
        firstAccount.run(new DefaultApplicationArguments());
        assertThat(new HttpApi(httpPort).admin("/api/admin/accounts",
                "{\"address\":\"" + DAN + "\",\"password\":\"" + PASSWORD + "\"}")).isEqualTo(201);
    }

    @Test
    void aMessageDeliveredOverSmtpIsAnsweredInTheBrowserAndTheAnswerArrivesOverImap() throws Exception {
        Properties properties = MailClients.properties();
        properties.put("mail.smtp.from", DAN);
        Session session = Session.getInstance(properties);
        MimeMessage question = new MimeMessage(session);
        question.setFrom(new InternetAddress(DAN));
        question.setRecipient(Message.RecipientType.TO, new InternetAddress(ALICE));
        question.setSubject("Flight plan for Tuesday");
        question.setText("Could you send me the flight plan?\n", "UTF-8");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", smtp.port("submission"), DAN, PASSWORD);
            transport.sendMessage(question, question.getAllRecipients());
        }
        Path plan = Files.writeString(Files.createTempFile("flight-plan", ".txt"), "EDDF 0900 - LFPG 1030\n");

        ChromeDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class); // lists re-render as they change
            browser.get("https://localhost:" + httpPort + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-address"))).sendKeys(ALICE);
            browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
            Chromium.screenshot(browser, "e2e-1-login");
            browser.findElement(By.id("login-button")).click();

            WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[@id='message-rows']//tr[contains(., 'Flight plan for Tuesday')]")));
            Chromium.screenshot(browser, "e2e-2-inbox");
            row.click();
            wait.until(ExpectedConditions.textToBe(By.id("reader-subject"), "Flight plan for Tuesday"));
            Chromium.screenshot(browser, "e2e-3-read");

            browser.findElement(By.id("reply")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compose")));
            assertThat(browser.findElement(By.id("compose-to")).getDomProperty("value")).contains(DAN);
            browser.findElement(By.id("compose-text")).sendKeys("Here it is.");
            browser.findElement(By.id("compose-files")).sendKeys(plan.toString());
            Chromium.screenshot(browser, "e2e-4-reply");
            browser.findElement(By.id("compose-send")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("compose")));
            Chromium.screenshot(browser, "e2e-5-sent");
        } finally {
            browser.quit();
            Files.deleteIfExists(plan);
        }

        MimeMessage answer = awaitOverImap(session, DAN, "Re: Flight plan for Tuesday");
        assertThat(answer.getHeader("In-Reply-To")).containsExactly(question.getMessageID());
        Multipart parts = (Multipart) answer.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).startsWith("Here it is.");
        assertThat(parts.getBodyPart(1).getFileName()).startsWith("flight-plan").endsWith(".txt");
        assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes())).isEqualTo("EDDF 0900 - LFPG 1030\n");
    }

    private MimeMessage awaitOverImap(Session session, String user, String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", imap.port("imap"), user, PASSWORD);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] found = inbox.search(new SubjectTerm(subject));
                if (found.length > 0) {
                    return new MimeMessage((MimeMessage) found[0]);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + subject + "\" delivered to " + user + " in time");
            }
            Thread.sleep(200);
        }
    }
}
