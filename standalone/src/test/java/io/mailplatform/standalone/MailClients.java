package io.mailplatform.standalone;

import java.util.Properties;

/** Jakarta Mail settings of the tests' clients: STARTTLS required, the test certificate trusted, timeouts. */
final class MailClients {
    private MailClients() {
    }

    static Properties properties() {
        Properties properties = new Properties();
        for (String protocol : new String[] {"smtp", "pop3", "imap"}) {
            properties.put("mail." + protocol + ".starttls.enable", "true");
            properties.put("mail." + protocol + ".starttls.required", "true");
            properties.put("mail." + protocol + ".ssl.trust", "*");
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
            properties.put("mail." + protocol + ".connectiontimeout", "10000");
            properties.put("mail." + protocol + ".timeout", "20000");
        }
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.imap.partialfetch", "false");
        return properties;
    }
}
