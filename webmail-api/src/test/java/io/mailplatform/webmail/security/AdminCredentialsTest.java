package io.mailplatform.webmail.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.mailplatform.webmail.config.AdminProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A generated administrator password is shown once on the console and never reaches the logging
 * system (whose file and shipping appenders would carry it). The logging system is observed through
 * every event its root logger receives, whatever the appenders configured.
 */
class AdminCredentialsTest {
    private static final Pattern SHOWN = Pattern.compile("Generated administrator password for user 'admin': (\\S+)");
    private final EveryEvent events = new EveryEvent();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeEach
    void captureEverything() {
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(events);
        root.setLevel(rootLevel);
    }

    /** Everything the events say: messages, arguments, and the text they were formatted to. */
    private String logged() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : events.received) {
            all.append(event.getMessage()).append('\n').append(event.getFormattedMessage()).append('\n');
            if (event.getArgumentArray() != null) {
                all.append(Arrays.toString(event.getArgumentArray())).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void aGeneratedPasswordIsShownOnceOnTheConsoleAndNeverLogged() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AdminCredentials credentials = new AdminCredentials(new AdminProperties("admin", null),
                () -> new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(console.size()).as("shown when the service is ready, after the start-up log").isZero();
        credentials.showGeneratedPassword();
        credentials.showGeneratedPassword(); // a second ready event shows nothing more

        String shown = console.toString(StandardCharsets.UTF_8);
        Matcher matcher = SHOWN.matcher(shown);
        assertThat(matcher.find()).as(shown).isTrue();
        String password = matcher.group(1);
        assertThat(matcher.find()).as("shown once").isFalse();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(credentials.matches("admin", password)).isTrue();

        List<ILoggingEvent> warnings = events.received.stream()
                .filter(e -> e.getLoggerName().equals(AdminCredentials.class.getName())).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(warnings.get(0).getFormattedMessage()).contains("generated", "console", "never logged");
        assertThat(logged()).doesNotContain(password);
    }

    @Test
    void aConfiguredPasswordIsNeitherShownNorLogged() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AdminCredentials credentials = new AdminCredentials(new AdminProperties("admin", "configured-secret"),
                () -> new PrintStream(console, true, StandardCharsets.UTF_8));
        credentials.showGeneratedPassword();
        assertThat(console.size()).isZero();
        assertThat(logged()).doesNotContain("configured-secret");
        assertThat(credentials.matches("admin", "configured-secret")).isTrue();
    }

    /**
     * Collects events from every thread: threads of other tests' contexts still log while this test
     * reads, which logback's ListAppender (a plain ArrayList) does not survive.
     */
    private static final class EveryEvent extends AppenderBase<ILoggingEvent> {
        final Queue<ILoggingEvent> received = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            received.add(event);
        }
    }
}
