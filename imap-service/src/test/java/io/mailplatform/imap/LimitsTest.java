package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every limit refuses with the right response and the session goes on (STYLE.md, Bad input):
 * literals over the limit are neither asked for nor kept, long lines are skipped, and no command
 * can make the parser build without bound.
 */
class LimitsTest extends ImapTestSupport {
    @org.springframework.beans.factory.annotation.Autowired
    io.mailplatform.store.directory.DirectoryAdmin admin;
    private static final long MESSAGE_LIMIT = 50L * 1024 * 1024;

    @Test
    void tooLargeSynchronizingLiteralIsRefusedBeforeTheClientSendsIt() throws Exception {
        Account account = account("limits-sync");
        try (LineClient client = login(account)) {
            client.send("a APPEND INBOX {" + (MESSAGE_LIMIT + 1) + "}");
            assertThat(client.readLine()).isEqualTo("a NO [TOOBIG] Message too large");
            client.send("b LOGIN {70000}");
            assertThat(client.readLine()).isEqualTo("b BAD [TOOBIG] Literal too large");
            assertThat(command(client, "c", "NOOP")).containsExactly("c OK NOOP completed");
        }
    }

    @Test
    void tooLargeNonSynchronizingLiteralIsDiscardedWithTheRestOfTheCommand() throws Exception {
        Account account = account("limits-nonsync");
        try (LineClient client = login(account)) {
            long size = MESSAGE_LIMIT + 1;
            client.write("a APPEND INBOX {" + size + "+}\r\n");
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (long sent = 0; sent < size; sent += chunk.length) {
                client.write(Arrays.copyOf(chunk, (int) Math.min(chunk.length, size - sent)));
            }
            client.write("\r\n");
            assertThat(client.readLine()).isEqualTo("a BAD [TOOBIG] Literal too large; its octets were discarded");
            assertThat(command(client, "b", "NOOP")).containsExactly("b OK NOOP completed");
            assertThat(mailboxes.messages(inbox(account))).isEmpty();
        }
    }

    @Test
    void appendAndCopyBeyondTheQuotaAreRefusedWithOverquota() throws Exception {
        Account account = account("limits-quota");
        String message = simpleMessage("a@example.test", "quota", "x".repeat(400));
        long uid = append(inbox(account), message, java.time.Instant.now());
        String literal = message.replace("\n", "\r\n");
        long used = mailboxes.messages(inbox(account)).get(0).size();
        admin.setQuota(account.address(), used + 100);
        try (LineClient client = login(account)) {
            command(client, "c", "CREATE Kept");
            client.send("a APPEND INBOX {" + literal.length() + "}");
            assertThat(client.readLine()).startsWith("+");
            client.write(literal + "\r\n");
            assertThat(client.readLine()).isEqualTo("a NO [OVERQUOTA] Not enough room: the quota is exceeded");
            command(client, "s", "SELECT INBOX");
            assertThat(command(client, "k", "UID COPY " + uid + " Kept")).containsExactly(
                    "k NO [OVERQUOTA] Not enough room: the quota is exceeded");
            // moving stays within the account's usage
            assertThat(command(client, "m", "UID MOVE " + uid + " Kept")).last().asString().startsWith("m OK");

            admin.setQuota(account.address(), null);
            client.send("b APPEND Kept {" + literal.length() + "}");
            assertThat(client.readLine()).startsWith("+");
            client.write(literal + "\r\n");
            assertThat(client.readLine()).startsWith("b OK [APPENDUID ");
        }
        assertThat(mailboxes.messages(inbox(account))).isEmpty();
        assertThat(mailboxes.messages(mailboxes.require(account.id(), "Kept"))).hasSize(2);
    }

    @Test
    void overlongLinesAndOversizedArgumentsAreRefused() throws Exception {
        Account account = account("limits-lines");
        try (LineClient client = login(account)) {
            client.send("long NOOP " + "x".repeat(70_000));
            assertThat(client.readLine()).isEqualTo("long BAD [TOOBIG] Command line too long (at most 65536 octets)");
            command(client, "s", "SELECT INBOX");
            StringBuilder set = new StringBuilder("1");
            for (int i = 2; i <= 10_001; i++) {
                set.append(',').append(i);
            }
            assertThat(command(client, "r", "FETCH " + set + " FLAGS")).containsExactly(
                    "r BAD Too many ranges in a sequence set (at most 10000)");
            assertThat(command(client, "k", "SEARCH" + " SEEN".repeat(1001))).containsExactly(
                    "k BAD Too many search keys (at most 1000)");
            assertThat(command(client, "n", "SEARCH " + "NOT ".repeat(40) + "SEEN")).containsExactly(
                    "n BAD Search criteria nested too deeply (at most 32 levels)");
            assertThat(command(client, "ok", "NOOP")).containsExactly("ok OK NOOP completed");
        }
    }
}
