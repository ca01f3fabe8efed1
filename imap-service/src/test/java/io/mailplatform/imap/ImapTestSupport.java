package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.idle.MailboxEventConsumer;
import io.mailplatform.imap.idle.MailboxEventHub;
import io.mailplatform.imap.process.Capabilities;
import io.mailplatform.imap.process.CommandDispatcher;
import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.server.tls.TlsBundles;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.testsupport.Transcript;
import io.mailplatform.testsupport.abuse.Heap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The one configuration every IMAP test shares (so Spring starts it once): the IMAP service on
 * random ports with the production default of no plaintext login, login throttling off, on the
 * real PostgreSQL and Kafka of test-support. Helpers create accounts and messages and open raw
 * connections that have done STARTTLS and LOGIN.
 */
@SpringBootTest(classes = ImapServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"mail.imap.port=0", "mail.imap.tls-port=0",
        "mail.imap.hostname=imap.example.test", "mail.store.login-throttle.base-delay=0",
        "mail.imap.events.idle-poll-interval=2s"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ImapTestSupport {
    protected static final String DOMAIN = "example.test";
    protected static final String PASSWORD = "secret pass";
    private static final Pattern LITERAL = Pattern.compile("(~?)\\{(\\d+)}$");

    @Autowired
    protected ImapServer server;
    @Autowired
    protected DirectoryService directory;
    @Autowired
    protected MailboxService mailboxes;
    @Autowired
    protected MailboxEventConsumer events;
    @Autowired
    protected ImapProperties properties;
    @Autowired
    private ApplicationContext context;

    @BeforeAll
    void domainAndEvents() throws Exception {
        if (directory.findDomain(DOMAIN).isEmpty()) {
            directory.createDomain(DOMAIN);
        }
        events.awaitAssignment(Duration.ofSeconds(30));
    }

    /** Another IMAP server on this context's beans with other settings; the caller stops it. */
    protected ImapServer startServer(ImapProperties settings) {
        ImapServer extra = new ImapServer(settings, context.getBean(TlsBundles.class),
                context.getBean(CommandDispatcher.class), context.getBean(Capabilities.class),
                context.getBean(MailboxEventHub.class));
        extra.start();
        return extra;
    }

    protected Account account(String localPart) throws Exception {
        String address = localPart + "@" + DOMAIN;
        return directory.findAccount(address).orElseGet(() -> {
            try {
                return directory.createAccount(address, PASSWORD);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** An account whose INBOX holds the four {@link Fixtures} messages. */
    protected Account seeded(String localPart) throws Exception {
        Account account = account(localPart);
        Fixtures.seed(mailboxes, inbox(account));
        return account;
    }

    /** SELECT INBOX, which must succeed. */
    protected static void select(LineClient client) throws IOException {
        assertThat(command(client, "sel", "SELECT INBOX")).last().asString().startsWith("sel OK");
    }

    protected Mailbox inbox(Account account) {
        return mailboxes.require(account.id(), Mailbox.INBOX);
    }

    protected long append(Mailbox mailbox, String message, Instant date, String... flags) {
        return mailboxes.append(mailbox, message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8),
                MessageFlags.of(List.of(flags)), date).uid();
    }

    protected static String simpleMessage(String from, String subject, String body) {
        return "From: " + from + "\nTo: someone@example.test\nSubject: " + subject
                + "\nDate: Wed, 17 Jul 1996 02:23:25 -0700\nMessage-ID: <" + subject.hashCode() + "@example.test>\n\n" + body
                + "\n";
    }

    protected int port() {
        return server.port("imap");
    }

    protected int tlsPort() {
        return server.port("imaps");
    }

    /** A plain connection after the greeting. */
    protected LineClient connect() throws IOException {
        return connect(port(), 0);
    }

    /** A plain connection to {@code port} after the greeting; {@code receiveBuffer} as for {@link LineClient}. */
    protected static LineClient connect(int port, int receiveBuffer) throws IOException {
        LineClient client = new LineClient("127.0.0.1", port, receiveBuffer);
        client.readLine();
        return client;
    }

    /** A connection that did STARTTLS and LOGIN as the account. */
    protected LineClient login(Account account) throws IOException {
        return login(account, port(), 0);
    }

    /** A connection to {@code port} that did STARTTLS and LOGIN; {@code receiveBuffer} as for {@link LineClient}. */
    protected static LineClient login(Account account, int port, int receiveBuffer) throws IOException {
        LineClient client = connect(port, receiveBuffer);
        client.send("t0 STARTTLS");
        client.readUntil(line -> line.startsWith("t0 "));
        client.startTls(Transcript.trustAll());
        client.send("t1 LOGIN " + account.address() + " \"" + PASSWORD + "\"");
        String last = client.readUntil(line -> line.startsWith("t1 ")).get(0);
        if (!last.startsWith("t1 OK")) {
            throw new IllegalStateException("login failed: " + last);
        }
        return client;
    }

    /** A command's response: its text lines and, in order, the octets of the literals they announce. */
    protected record Response(List<String> lines, List<byte[]> literals) {
    }

    /** Sends a command and reads its response, literals included. */
    protected static Response fetch(LineClient client, String tag, String command) throws IOException {
        client.send(tag + " " + command);
        return readResponse(client, tag, null);
    }

    /** Reads a response up to its tagged line, starting with {@code line} if it was read already. */
    protected static Response readResponse(LineClient client, String tag, String line) throws IOException {
        List<String> lines = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        if (line == null) {
            line = client.readLine();
        }
        while (true) {
            assertThat(line).as("response to " + tag).isNotNull();
            lines.add(line);
            Matcher literal = LITERAL.matcher(line);
            if (literal.find()) {
                literals.add(client.readBytes(Integer.parseInt(literal.group(2))));
            }
            if (line.startsWith(tag + " ")) {
                return new Response(lines, literals);
            }
            line = client.readLine();
        }
    }

    /**
     * The heap in use after full collections (the suite runs the parallel collector, for which
     * {@code System.gc()} is a full collection): what the server holds, give or take a few MB.
     */
    protected static long usedHeapAfterGc() {
        return Heap.usedAfterGc();
    }

    /** Sends a command and returns every line up to and including its tagged response. */
    protected static List<String> command(LineClient client, String tag, String command) throws IOException {
        client.send(tag + " " + command);
        return client.readUntil(line -> line.startsWith(tag + " "));
    }
}
