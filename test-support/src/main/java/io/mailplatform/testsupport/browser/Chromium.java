package io.mailplatform.testsupport.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; other paths with {@code -Dchromium.binary=} and {@code -Dchromium.driver=}).
 * Both are named explicitly, so Selenium never tries to download a browser or a driver. Missing, they
 * fail the test with a message saying what to install: a browser test that skips proves nothing.
 */
public final class Chromium {
    private static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A new headless browser that accepts the test server's self-signed certificate. */
    public static ChromeDriver start() {
        for (String path : new String[] {BINARY, DRIVER}) {
            if (!Files.isExecutable(Path.of(path))) {
                throw new AssertionError(path + " is missing: the browser test needs Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver), or -Dchromium.binary= and -Dchromium.driver=");
            }
        }
        ChromeOptions options = new ChromeOptions().setBinary(BINARY)
                // --no-sandbox: chromium refuses to run as root otherwise (CI runs as root)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--ignore-certificate-errors", "--window-size=1400,900", "--lang=en-GB",
                        "--no-first-run", "--disable-extensions", "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(30)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Saves what the browser shows as {@code target/browser/<name>.png}, for a person to look at. */
    public static void screenshot(ChromeDriver driver, String name) {
        try {
            Path directory = Path.of("target", "browser");
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
