package io.mailplatform.webmail.security;

import io.mailplatform.webmail.config.AdminProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The administrator's credentials: configured, or generated once per start and printed. */
@Component
public class AdminCredentials {
    private static final Logger log = LoggerFactory.getLogger(AdminCredentials.class);
    private final String username;
    private final byte[] password;

    public AdminCredentials(AdminProperties properties) {
        this.username = properties.username();
        String configured = properties.password();
        if (configured == null || configured.isEmpty()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("\n\n    No mail.admin.password set. Generated admin password for user '{}': {}\n"
                    + "    (set mail.admin.password or MAIL_ADMIN_PASSWORD to choose one)\n", username, configured);
        }
        this.password = configured.getBytes(StandardCharsets.UTF_8);
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
