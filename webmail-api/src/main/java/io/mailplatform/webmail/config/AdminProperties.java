package io.mailplatform.webmail.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The administrator of the admin API ({@code mail.admin.*}).
 *
 * @param username the administrator's HTTP Basic user name (default "admin")
 * @param password the administrator's password; when unset a random one is generated and printed once on the console (standard output) when the service is ready, never logged
 */
@ConfigurationProperties("mail.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password) {
    @Override
    public String toString() {
        return "AdminProperties[username=" + username + "]";
    }
}
