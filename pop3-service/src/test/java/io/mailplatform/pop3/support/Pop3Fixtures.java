package io.mailplatform.pop3.support;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.pop3.auth.ApopTimestamps;
import io.mailplatform.pop3.config.Pop3Properties;
import io.mailplatform.pop3.maildrop.MaildropService;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.ApopAuthenticator;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.CrlfSizes;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MaildropLock;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.server.net.ProxyProtocolSettings;
import io.mailplatform.server.tls.TlsBundles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Accounts, messages and further POP3 server instances for the integration tests, all on the test
 * context's database. A further server has its own maildrop lock instance, as a second POP3 instance
 * of a deployment would.
 */
public final class Pop3Fixtures implements AutoCloseable {
    public static final String DOMAIN = "example.test";

    private final ApplicationContext context;
    private final List<Pop3Server> servers = new ArrayList<>();
    private final List<MaildropLock> locks = new ArrayList<>();

    public Pop3Fixtures(ApplicationContext context) {
        this.context = context;
    }

    /** Creates an account (and the test domain when it is missing). */
    public Account account(String address, String password) {
        DirectoryService directory = context.getBean(DirectoryService.class);
        try {
            if (directory.findDomain(DOMAIN).isEmpty()) {
                directory.createDomain(DOMAIN);
            }
            return directory.createAccount(address, password);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Mailbox inbox(Account account) {
        return mailboxes().require(account.id(), Mailbox.INBOX);
    }

    /** Appends a message to the account's INBOX, as delivery or IMAP APPEND would; returns its UID. */
    public long deliver(Account account, byte[] raw) {
        return mailboxes().append(inbox(account), raw, MessageFlags.NONE, Instant.now()).uid();
    }

    public MailboxService mailboxes() {
        return context.getBean(MailboxService.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A fixture message from {@code src/test/resources/pop3-fixtures}. */
    public static byte[] message(String name) {
        try (InputStream in = Pop3Fixtures.class.getResourceAsStream("/pop3-fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings like the test context's, changed by the caller. */
    public static Settings settings() {
        return new Settings();
    }

    /** Starts another POP3 server on the same database, with its own maildrop lock instance. */
    public Pop3Server startServer(Settings settings) {
        Pop3Properties properties = settings.properties();
        MaildropLock lock = new MaildropLock(settings.lockJdbc != null ? settings.lockJdbc : context.getBean(JdbcClient.class),
                properties.maildropLock().lease(), properties.maildropLock().heartbeat());
        locks.add(lock);
        MaildropService maildrops = new MaildropService(mailboxes(), context.getBean(MessageContents.class), lock,
                context.getBean(CrlfSizes.class), properties);
        Pop3Server server = new Pop3Server(properties,
                settings.authenticator != null ? settings.authenticator : context.getBean(Authenticator.class),
                context.getBean(ApopAuthenticator.class), maildrops, context.getBean(TlsBundles.class),
                settings.timestamps != null ? settings.timestamps : ApopTimestamps.unique(properties.hostname()));
        server.start();
        servers.add(server);
        return server;
    }

    @Override
    public void close() {
        servers.forEach(Pop3Server::stop);
        locks.forEach(MaildropLock::close);
    }

    /** The settings of a further server. */
    public static final class Settings {
        String hostname = "pop.example.test";
        boolean allowPlaintextAuth;
        Duration loginDelay = Duration.ZERO;
        Duration idleTimeout = Duration.ofMinutes(10);
        Duration writeTimeout = Duration.ofMinutes(5);
        int maxLineLength = 1024;
        ApopTimestamps timestamps;
        JdbcClient lockJdbc;
        Authenticator authenticator;
        ProxyProtocolSettings proxy = ProxyProtocolSettings.none();

        public Settings hostname(String value) {
            hostname = value;
            return this;
        }

        public Settings allowPlaintextAuth() {
            allowPlaintextAuth = true;
            return this;
        }

        public Settings loginDelay(Duration value) {
            loginDelay = value;
            return this;
        }

        public Settings idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Settings writeTimeout(Duration value) {
            writeTimeout = value;
            return this;
        }

        /** A fixed greeting timestamp, as in the examples of RFC 1939. */
        public Settings timestamp(String value) {
            timestamps = () -> value;
            return this;
        }

        /** The greeting timestamps of this server (another instance's generator, on a clock of the test's). */
        public Settings timestamps(ApopTimestamps value) {
            timestamps = value;
            return this;
        }

        /** Password logins checked by this authenticator (its own login throttle, an observed encoder). */
        public Settings authenticator(Authenticator value) {
            authenticator = value;
            return this;
        }

        /** The PROXY protocol on this server's listeners. */
        public Settings proxy(ProxyProtocolSettings value) {
            proxy = value;
            return this;
        }

        /** The database the maildrop lock uses (to make it fail). */
        public Settings lockJdbc(JdbcClient value) {
            lockJdbc = value;
            return this;
        }

        Pop3Properties properties() {
            return new Pop3Properties(hostname, "127.0.0.1", 0, 0, allowPlaintextAuth, "mail", 4, loginDelay,
                    DataSize.ofKilobytes(128), new Pop3Properties.Limits(100, 100, idleTimeout, maxLineLength, writeTimeout),
                    new Pop3Properties.MaildropLockSettings(Duration.ofMinutes(2), Duration.ofSeconds(30)), proxy);
        }
    }
}
