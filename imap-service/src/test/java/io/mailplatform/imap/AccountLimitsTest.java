package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxAdmin;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.testsupport.LineClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The per-account caps of mail.store.limits over IMAP: CREATE and RENAME beyond the mailbox cap,
 * SUBSCRIBE beyond the subscription cap, STORE and APPEND of keywords beyond the keyword cap are
 * refused with NO [LIMIT], change nothing, and the session goes on; concurrent CREATEs never
 * overshoot.
 */
class AccountLimitsTest extends SmallLimitsTestSupport {
    private static final String LIMIT = " NO [LIMIT] ";

    @Autowired
    MailboxAdmin admin;

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private int mailboxCount(Account account) {
        return mailboxes.mailboxes(account.id()).size();
    }

    @Test
    void createAndRenameStopAtTheMailboxCap() throws Exception {
        Account account = account("cap-mailboxes");
        int free = MAX_MAILBOXES - mailboxCount(account);
        try (LineClient client = login(account)) {
            // a/b/c makes three mailboxes; the rest one at a time, up to one short of the cap
            assertThat(last(command(client, "a", "CREATE a/b/c"))).startsWith("a OK");
            for (int i = 3; i < free - 1; i++) {
                assertThat(last(command(client, "c" + i, "CREATE box" + i))).startsWith("c" + i + " OK");
            }
            // one slot left: a name that needs a new superior too is refused as a whole
            assertThat(last(command(client, "d", "CREATE deep/leaf"))).isEqualTo(
                    "d" + LIMIT + "Too many mailboxes (at most " + MAX_MAILBOXES + " per account)");
            assertThat(mailboxes.find(account.id(), "deep")).isEmpty();
            assertThat(last(command(client, "e", "CREATE last"))).startsWith("e OK");
            assertThat(mailboxCount(account)).isEqualTo(MAX_MAILBOXES);
            assertThat(last(command(client, "f", "CREATE one-more"))).startsWith("f" + LIMIT);
            // renaming needs no room, unless the new name needs superiors that do not exist yet
            assertThat(last(command(client, "g", "RENAME last renamed"))).startsWith("g OK");
            assertThat(last(command(client, "h", "RENAME renamed new/level"))).startsWith("h" + LIMIT);
            assertThat(mailboxes.find(account.id(), "renamed")).isPresent();
            assertThat(mailboxes.find(account.id(), "new")).isEmpty();
            assertThat(last(command(client, "i", "RENAME renamed a/renamed"))).startsWith("i OK");
            // deleting makes room again
            assertThat(last(command(client, "j", "DELETE a/renamed"))).startsWith("j OK");
            assertThat(last(command(client, "k", "CREATE one-more"))).startsWith("k OK");
            assertThat(mailboxCount(account)).isEqualTo(MAX_MAILBOXES);
            assertThat(command(client, "l", "NOOP")).containsExactly("l OK NOOP completed");
        }
    }

    @Test
    void concurrentCreatesNeverOvershootTheCap() throws Exception {
        Account account = account("cap-concurrent");
        int free = MAX_MAILBOXES - mailboxCount(account);
        int clients = 6;
        int perClient = 3;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> created = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                Callable<Integer> creator = () -> {
                    int ok = 0;
                    try (LineClient client = login(account)) {
                        for (int i = 0; i < perClient; i++) {
                            String reply = last(command(client, "c" + i, "CREATE client" + id + "/box" + i));
                            if (reply.startsWith("c" + i + " OK")) {
                                ok++;
                            } else {
                                assertThat(reply).startsWith("c" + i + LIMIT);
                            }
                        }
                    }
                    return ok;
                };
                created.add(pool.submit(creator));
            }
            int replies = 0;
            for (Future<Integer> f : created) {
                replies += f.get(60, TimeUnit.SECONDS);
            }
            // more CREATEs than room: they failed only once at most one slot was left (each needs one or two)
            assertThat(mailboxCount(account)).isBetween(MAX_MAILBOXES - 1, MAX_MAILBOXES);
            // every CREATE that said OK made its mailbox, and no refused one left anything behind
            assertThat(mailboxes.mailboxes(account.id()).stream().map(Mailbox::name)
                    .filter(name -> name.contains("/box")).count()).isEqualTo(replies);
            assertThat(replies).isLessThan(free);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void subscribeStopsAtTheSubscriptionCap() throws Exception {
        Account account = account("cap-subscriptions");
        int subscribed = admin.subscriptions(account.id()).size();
        try (LineClient client = login(account)) {
            for (int i = subscribed; i < MAX_SUBSCRIPTIONS; i++) {
                assertThat(last(command(client, "s" + i, "SUBSCRIBE name" + i))).startsWith("s" + i + " OK");
            }
            assertThat(last(command(client, "a", "SUBSCRIBE too-many"))).isEqualTo(
                    "a" + LIMIT + "Too many subscriptions (at most " + MAX_SUBSCRIPTIONS + " per account)");
            // subscribing a name again adds nothing and is fine; unsubscribing makes room
            assertThat(last(command(client, "b", "SUBSCRIBE INBOX"))).startsWith("b OK");
            assertThat(last(command(client, "c", "UNSUBSCRIBE name" + subscribed))).startsWith("c OK");
            assertThat(last(command(client, "d", "SUBSCRIBE too-many"))).startsWith("d OK");
            assertThat(admin.subscriptions(account.id())).hasSize(MAX_SUBSCRIPTIONS).contains("too-many")
                    .doesNotContain("name" + subscribed);
            // a name longer than any mailbox may have is not kept either
            assertThat(last(command(client, "e", "SUBSCRIBE " + "n".repeat(600)))).startsWith("e" + LIMIT);
        }
    }

    @Test
    void storeAndAppendStopAtTheKeywordCap() throws Exception {
        Account account = account("cap-keywords");
        long uid = append(inbox(account), simpleMessage("a@example.test", "keywords", "body"), Instant.now());
        String message = simpleMessage("a@example.test", "appended", "body").replace("\n", "\r\n");
        try (LineClient client = login(account)) {
            command(client, "s", "SELECT INBOX");
            assertThat(last(command(client, "a", "UID STORE " + uid + " +FLAGS.SILENT ($One $Two)"))).startsWith("a OK");
            assertThat(appendToInbox(client, "b", "$Three", message)).startsWith("b OK");
            // two new keywords where only one fits: refused as a whole, the message keeps its flags
            assertThat(last(command(client, "c", "UID STORE " + uid + " +FLAGS ($Four $Five)"))).isEqualTo(
                    "c" + LIMIT + "Too many keywords (at most " + MAX_KEYWORDS + " per account)");
            assertThat(flags(account, uid)).containsExactlyInAnyOrder("$One", "$Two");
            // keywords the account has are always fine, as is removing any; a replacement may add the last one
            assertThat(last(command(client, "d", "UID STORE " + uid + " +FLAGS.SILENT ($Three \\Seen)"))).startsWith("d OK");
            assertThat(last(command(client, "e", "UID STORE " + uid + " -FLAGS.SILENT ($Six)"))).startsWith("e OK");
            assertThat(last(command(client, "f", "UID STORE " + uid + " FLAGS.SILENT ($Four)"))).startsWith("f OK");
            assertThat(flags(account, uid)).containsExactly("$Four");
            assertThat(appendToInbox(client, "g", "$Five", message)).startsWith("g" + LIMIT);
            assertThat(mailboxes.messages(inbox(account))).hasSize(2);
            assertThat(command(client, "h", "NOOP")).last().asString().startsWith("h OK");
        }
    }

    /** APPEND over the connection; returns the tagged reply. */
    private static String appendToInbox(LineClient client, String tag, String flags, String message) throws IOException {
        client.send(tag + " APPEND INBOX (" + flags + ") {" + message.length() + "}");
        assertThat(client.readLine()).startsWith("+");
        client.write(message + "\r\n");
        return last(client.readUntil(line -> line.startsWith(tag + " ")));
    }

    private List<String> flags(Account account, long uid) {
        MessageMeta meta = mailboxes.message(inbox(account), uid).orElseThrow();
        return meta.flags().names();
    }
}
