package io.mailplatform.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.standalone.StandaloneApplication;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.testsupport.RestartableKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nothing accepted is lost and nothing is delivered twice, whatever fails meanwhile (DESIGN.md,
 * issue 14). The whole platform runs in this JVM on a real PostgreSQL and a Kafka broker of its own,
 * which the test can restart. Several SMTP clients send a stream of messages (MX and submission,
 * DATA and BDAT, one or several recipients, aliases and lists) while, at random seeded points, the
 * delivery consumer crashes between its database commit and its offset commit or is stopped, every
 * PostgreSQL connection is terminated, the broker restarts, and clients drop their connections in
 * the middle of DATA and BDAT. IMAP sessions flag, copy and expunge throughout. Afterwards every
 * message that got a 250 is in each of its recipients' mailboxes exactly once, ending with exactly
 * the octets sent; every other attempt is in none (a refused message arrives only through the
 * client's retry, a new attempt); the IMAP sessions saw UIDs in order, no EXPUNGE during a FETCH, and
 * agree on the final flags.
 *
 * <p>{@code -Dfaults.seconds=600} runs the faults longer (default 20), {@code -Dfaults.seed=...}
 * repeats a run (the seed is printed).
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.smtp.mx-port=0", "mail.smtp.submission-port=0", "mail.smtp.submissions-port=0",
                "mail.pop3.port=0", "mail.pop3.tls-port=0", "mail.imap.port=0", "mail.imap.tls-port=0",
                "mail.smtp.hostname=mx.example.test", "mail.admin.password=admin-secret",
                "mail.standalone.domain=example.test", "mail.standalone.account=alice@example.test",
                "mail.standalone.password=wonder land",
                "mail.delivery.spf.enabled=false", "mail.relay.enabled=false",
                // a broker restart costs a refused message a few seconds, not the default 30
                "mail.smtp.limits.publish-timeout=5s",
                "mail.store.login-throttle.base-delay=0",
                "spring.datasource.hikari.connection-timeout=5000"})
@RealInfrastructure(kafka = false)
@Import(FaultInjectionTest.Crash.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {
    private static final String PASSWORD = "wonder land";
    private static final Pattern TOKEN = Pattern.compile("Subject: fault (F[0-9a-f]{32})\r\n");
    private static volatile RestartableKafka kafka;

    @TestConfiguration
    static class Crash {
        @Bean
        ConsumerCrash consumerCrash(KafkaListenerEndpointRegistry registry) {
            return new ConsumerCrash(registry);
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        if (kafka == null) {
            kafka = RestartableKafka.start();
        }
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
    }

    @Autowired
    SmtpServer smtp;
    @Autowired
    ImapServer imap;
    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    DataSource dataSource;
    @Autowired
    ConsumerCrash crash;

    /** Recipient addresses and the accounts they reach: two accounts, an alias with two targets, a list of two. */
    private Map<String, Set<String>> directory() throws Exception {
        if (directory.findDomain("faults.test").isEmpty()) {
            directory.createDomain("faults.test");
        }
        for (int i = 1; i <= 6; i++) {
            directory.createAccount("u" + i + "@faults.test", PASSWORD);
        }
        directory.addAlias("pair@faults.test", "u3@faults.test");
        directory.addAlias("pair@faults.test", "u4@faults.test");
        directory.createList("crowd@faults.test", false);
        directory.addListMember("crowd@faults.test", "u5@faults.test");
        directory.addListMember("crowd@faults.test", "u6@faults.test");
        if (directory.findDomain("example.test").isEmpty()) {
            directory.createDomain("example.test");
        }
        if (directory.findAccount("alice@example.test").isEmpty()) {
            directory.createAccount("alice@example.test", PASSWORD);
        }
        Map<String, Set<String>> recipients = new LinkedHashMap<>();
        recipients.put("u1@faults.test", Set.of("u1@faults.test"));
        recipients.put("u2@faults.test", Set.of("u2@faults.test"));
        recipients.put("pair@faults.test", Set.of("u3@faults.test", "u4@faults.test"));
        recipients.put("crowd@faults.test", Set.of("u5@faults.test", "u6@faults.test"));
        return recipients;
    }

    @Test
    void everyAcceptedMessageIsStoredExactlyOnceWhateverFails() throws Exception {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        long seconds = Long.getLong("faults.seconds", 20);
        System.out.println("FaultInjectionTest: seed " + seed + " (-Dfaults.seed=" + seed + " repeats it), faults for "
                + seconds + " s");
        Map<String, Set<String>> recipients = directory();

        AtomicBoolean running = new AtomicBoolean(true);
        List<FaultySender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FaultySender sender = new FaultySender(recipients, smtp.port("smtp"), smtp.port("submission"),
                    "alice@example.test", PASSWORD, seed + i, running::get, 0.1);
            senders.add(sender);
            threads.add(started(sender, "sender-" + i));
        }
        List<ImapChurn> churns = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ImapChurn churn = new ImapChurn(imap.port("imap"), "u1@faults.test", PASSWORD, seed + 100 + i, running::get);
            churns.add(churn);
            threads.add(started(churn, "imap-" + i));
        }
        // the archive the sessions copy into exists before they start
        mailboxes.create(directory.findAccount("u1@faults.test").orElseThrow().id(), ImapChurn.ARCHIVE);
        Faults faults = new Faults(crash, dataSource, kafka::restart, seed + 200, running::get,
                Duration.ofSeconds(60).toNanos());
        Thread faultThread = started(faults, "faults");

        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        running.set(false);
        faultThread.join(60_000);
        for (Thread thread : threads) {
            thread.join(60_000);
            assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
        }
        assertThat(faults.failure).as("the faults themselves worked").isNull();

        List<Attempt> attempts = senders.stream().flatMap(s -> s.attempts.stream()).toList();
        Map<String, Attempt> byToken = new HashMap<>();
        attempts.forEach(a -> byToken.put(a.token(), a));
        long expectedCopies = attempts.stream().filter(a -> a.outcome() == Attempt.Outcome.ACCEPTED)
                .mapToLong(a -> a.accounts().size()).sum();
        Map<String, Map<String, List<byte[]>>> stored = awaitStored(recipients, expectedCopies);

        // the verdict
        long accepted = attempts.stream().filter(a -> a.outcome() == Attempt.Outcome.ACCEPTED).count();
        long storedCopies = stored.values().stream().flatMap(m -> m.values().stream()).mapToLong(List::size).sum();
        List<String> lost = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> altered = new ArrayList<>();
        for (Attempt attempt : attempts) {
            for (String account : recipients.values().stream().flatMap(Set::stream).toList()) {
                List<byte[]> copies = stored.get(account).getOrDefault(attempt.token(), List.of());
                boolean expected = attempt.outcome() == Attempt.Outcome.ACCEPTED && attempt.accounts().contains(account);
                if (expected && copies.isEmpty()) {
                    lost.add(attempt.token() + " for " + account);
                } else if (!expected && !copies.isEmpty()) {
                    unexpected.add(attempt.token() + " (" + attempt.outcome() + " " + attempt.reply() + ") for " + account);
                }
                if (copies.size() > 1) {
                    duplicates.add(attempt.token() + " x" + copies.size() + " for " + account);
                }
                for (byte[] copy : copies) {
                    if (!endsWith(copy, attempt.message())) {
                        altered.add(attempt.token() + " for " + account);
                    }
                }
            }
        }
        List<String> strangers = stored.values().stream().flatMap(m -> m.keySet().stream())
                .filter(token -> !byToken.containsKey(token)).toList();
        Map<Attempt.Outcome, Long> outcomes = new java.util.EnumMap<>(Attempt.Outcome.class);
        attempts.forEach(a -> outcomes.merge(a.outcome(), 1L, Long::sum));
        List<String> violations = churns.stream().flatMap(c -> c.violations.stream()).toList();
        List<Map<String, Map<Long, String>>> views = new ArrayList<>();
        for (ImapChurn churn : churns) {
            views.add(churn.finalView());
        }
        System.out.println("FaultInjectionTest: faults " + faults.struck + ", client attempts " + outcomes
                + ", IMAP commands " + churns.stream().mapToInt(c -> c.commands).sum() + " (" + churns.stream()
                .mapToInt(c -> c.refusals).sum() + " refused)");

        // the totals, as the test's last line, also when an assertion below fails
        System.out.println("FaultInjectionTest totals: sent " + attempts.size() + ", accepted " + accepted + " (" + expectedCopies
                + " copies), stored " + storedCopies + ", duplicates " + duplicates.size() + ", lost " + lost.size());
        assertThat(lost).as("lost").isEmpty();
        assertThat(duplicates).as("duplicates").isEmpty();
        assertThat(unexpected).as("stored without a 250").isEmpty();
        assertThat(altered).as("stored copies that do not end with the octets sent").isEmpty();
        assertThat(strangers).as("stored messages of no attempt").isEmpty();
        assertThat(violations).as("IMAP views").isEmpty();
        assertThat(views.get(1)).as("final flags and UIDs, session 2 against session 1").isEqualTo(views.get(0));
        assertThat(accepted).as("messages accepted despite the faults").isPositive();
        assertThat(faults.struck).as("faults struck").isNotEmpty();
    }

    /**
     * Waits until as many copies as were accepted are stored (or a minute passed), then reads every
     * recipient's INBOX: account, token, the stored copies of it.
     */
    private Map<String, Map<String, List<byte[]>>> awaitStored(Map<String, Set<String>> recipients, long expected)
            throws Exception {
        Map<String, Mailbox> inboxes = new LinkedHashMap<>();
        for (String account : recipients.values().stream().flatMap(Set::stream).toList()) {
            Account a = directory.findAccount(account).orElseThrow();
            inboxes.put(account, mailboxes.require(a.id(), Mailbox.INBOX));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (inboxes.values().stream().mapToLong(box -> mailboxes.messages(box).size()).sum() < expected
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Thread.sleep(2000); // a duplicate would arrive right behind
        Map<String, Map<String, List<byte[]>>> stored = new LinkedHashMap<>();
        for (Map.Entry<String, Mailbox> entry : inboxes.entrySet()) {
            Mailbox inbox = entry.getValue();
            Map<String, List<byte[]>> byToken = new HashMap<>();
            for (MessageMeta meta : mailboxes.messages(inbox)) {
                byte[] content = mailboxes.content(inbox, meta.uid()).orElseThrow();
                Matcher token = TOKEN.matcher(new String(content, StandardCharsets.ISO_8859_1));
                byToken.computeIfAbsent(token.find() ? token.group(1) : "no token", t -> new ArrayList<>()).add(content);
            }
            stored.put(entry.getKey(), byToken);
        }
        return stored;
    }

    private static Thread started(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
    }

    private static boolean endsWith(byte[] stored, byte[] sent) {
        return stored.length >= sent.length
                && java.util.Arrays.equals(stored, stored.length - sent.length, stored.length, sent, 0, sent.length);
    }
}
