package io.mailplatform.webmail.security;

import io.mailplatform.webmail.config.AdminProperties;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The administrator's credentials: configured, or generated once per start. A generated password is
 * shown once on the console (standard output), after the start-up log, and never goes through the
 * logging system: log files and log shippers must not carry a credential. The log only says that
 * one was generated and where it was shown.
 */
@Component
public class AdminCredentials {
    private static final Logger log = LoggerFactory.getLogger(AdminCredentials.class);
    private final String username;
    private final byte[] password;
    private final Supplier<PrintStream> console;
    /** The generated password until it has been shown; null when configured or already shown. */
    private String unshown;

    @Autowired
    public AdminCredentials(AdminProperties properties) {
        this(properties, () -> System.out); // looked up when shown: the console of that moment
    }

    AdminCredentials(AdminProperties properties, Supplier<PrintStream> console) {
        this.username = properties.username();
        this.console = console;
        String configured = properties.password();
        if (configured == null || configured.isEmpty()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            unshown = configured;
            log.warn("No mail.admin.password set: a random password was generated for the administrator '{}'. It is "
                    + "printed once on the console (standard output) when the service is ready, never logged. Set "
                    + "mail.admin.password or MAIL_ADMIN_PASSWORD to choose one.", username);
        }
        this.password = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Shows a generated password on the console, once, after every other start-up message. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public synchronized void showGeneratedPassword() {
        if (unshown == null) {
            return;
        }
        PrintStream out = console.get();
        out.print(System.lineSeparator() + "    Generated administrator password for user '" + username + "': "
                + unshown + System.lineSeparator()
                + "    (shown only here, never logged; set mail.admin.password or MAIL_ADMIN_PASSWORD to choose one)"
                + System.lineSeparator() + System.lineSeparator());
        out.flush();
        unshown = null;
    }

    /** Whether this is the administrator's name (then only the administrator's password logs it in). */
    public boolean isAdministrator(String user) {
        return MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
    }

    public boolean matches(String user, String candidate) {
        boolean userMatches = isAdministrator(user);
        boolean passwordMatches = MessageDigest.isEqual(password, candidate.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }
}
