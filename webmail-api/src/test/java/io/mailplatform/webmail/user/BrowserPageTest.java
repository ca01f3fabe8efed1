package io.mailplatform.webmail.user;

import io.mailplatform.testsupport.browser.Chromium;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A test of the web page in headless chromium: one browser for the class, and the login form. */
abstract class BrowserPageTest extends UserApiTest {
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void startBrowser() {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // the page re-renders lists as they change: an element found by a condition may be replaced before it
        // is read; the condition then looks again rather than fail
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Opens the page and fills the login form (password "secret"), without pressing the button yet. */
    void fillLogin(String address) {
        browser.get("https://127.0.0.1:" + port + "/");
        visible(By.id("login-address")).sendKeys(address);
        browser.findElement(By.id("login-password")).sendKeys("secret");
    }

    void logIn(String address) {
        fillLogin(address);
        browser.findElement(By.id("login-button")).click();
    }
}
