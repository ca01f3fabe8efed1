package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.testsupport.LineClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * RFC 7162 across sessions: a client that was away resynchronises with SELECT ... (QRESYNC ...)
 * after another session changed flags, expunged and received mail; live sessions hear of expunges
 * as VANISHED under QRESYNC and of flag changes with MODSEQ under CONDSTORE; a conditional STORE
 * loses against another session's change (UNCHANGEDSINCE, MODIFIED), also when they race.
 */
class QresyncTest extends ImapTestSupport {
    private static final Pattern UIDVALIDITY = Pattern.compile("\\* OK \\[UIDVALIDITY (\\d+)].*");
    private static final Pattern HIGHESTMODSEQ = Pattern.compile("\\* OK \\[HIGHESTMODSEQ (\\d+)].*");
    private static final Pattern MODSEQ = Pattern.compile(".*MODSEQ \\((\\d+)\\).*");

    /** An INBOX with six messages, UIDs 1 to 6, none flagged. */
    private Account sixMessages(String name) throws Exception {
        Account account = account(name);
        Mailbox inbox = inbox(account);
        for (int i = 1; i <= 6; i++) {
            append(inbox, simpleMessage("a@example.org", "message " + i, "body " + i), Instant.parse("2026-01-01T10:00:00Z"));
        }
        return account;
    }

    private static long number(Pattern pattern, List<String> lines) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no " + pattern + " in " + lines);
    }

    private static List<String> ok(LineClient client, String tag, String command) throws Exception {
        List<String> lines = command(client, tag, command);
        assertThat(lines).last().asString().startsWith(tag + " OK");
        return lines;
    }

    @Test
    void clientBackFromAwayLearnsOfExpungesFlagChangesAndNewMailInItsSelect() throws Exception {
        Account account = sixMessages("qresync-away");
        long uidValidity;
        long modSeq;
        try (LineClient client = login(account)) {
            ok(client, "a1", "ENABLE QRESYNC");
            List<String> select = ok(client, "a2", "SELECT INBOX");
            uidValidity = number(UIDVALIDITY, select);
            modSeq = number(HIGHESTMODSEQ, select);
            ok(client, "a3", "LOGOUT");
        }
        // while the client is away: another session flags one message and expunges two, mail arrives
        try (LineClient other = login(account)) {
            ok(other, "o1", "SELECT INBOX");
            ok(other, "o2", "STORE 2 +FLAGS.SILENT (\\Flagged)");
            ok(other, "o3", "STORE 3,5 +FLAGS.SILENT (\\Deleted)");
            ok(other, "o4", "EXPUNGE");
        }
        append(inbox(account), simpleMessage("b@example.org", "new", "new"), Instant.parse("2026-01-02T10:00:00Z"));
        long highest = inbox(account).highestModSeq();

        try (LineClient client = login(account)) {
            ok(client, "b1", "ENABLE QRESYNC");
            List<String> select = ok(client, "b2", "SELECT INBOX (QRESYNC (" + uidValidity + " " + modSeq + " 1:6))");
            assertThat(select).contains("* 5 EXISTS", "* OK [HIGHESTMODSEQ " + highest + "] Highest",
                    "* VANISHED (EARLIER) 3,5");
            List<String> fetches = select.stream().filter(line -> line.contains(" FETCH ")).toList();
            assertThat(fetches).hasSize(2);
            assertThat(fetches.get(0)).matches("\\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Flagged( \\\\Recent)?\\) MODSEQ \\(\\d+\\)\\)");
            assertThat(fetches.get(1)).matches("\\* 5 FETCH \\(UID 7 FLAGS \\((\\\\Recent)?\\) MODSEQ \\(" + highest + "\\)\\)");
            // the VANISHED (EARLIER) comes after the mailbox data and before the FETCHes (§3.2.5.2)
            assertThat(select.indexOf("* VANISHED (EARLIER) 3,5")).isLessThan(select.indexOf(fetches.get(0)))
                    .isGreaterThan(select.indexOf("* OK [HIGHESTMODSEQ " + highest + "] Highest"));

            // known-uids narrows the VANISHED answer to what the client asks about
            List<String> narrowed = ok(client, "b3", "EXAMINE INBOX (QRESYNC (" + uidValidity + " " + modSeq + " 1:4))");
            assertThat(narrowed.get(0)).startsWith("* OK [CLOSED]");
            assertThat(narrowed).contains("* VANISHED (EARLIER) 3").noneMatch(line -> line.contains("VANISHED (EARLIER) 3,5"));

            // a client up to date gets no VANISHED and no FETCH
            List<String> current = ok(client, "b4", "EXAMINE INBOX (QRESYNC (" + uidValidity + " " + highest + "))");
            assertThat(current).noneMatch(line -> line.contains("VANISHED") || line.contains("FETCH"));

            // a client older than anything the mailbox holds: the expunge log goes back to the start
            List<String> oldest = ok(client, "b5", "EXAMINE INBOX (QRESYNC (" + uidValidity + " 1))");
            assertThat(oldest).contains("* VANISHED (EARLIER) 3,5");
            assertThat(oldest.stream().filter(line -> line.contains(" FETCH "))).hasSize(5);

            // the same through UID FETCH ... (CHANGEDSINCE ... VANISHED) in a selected mailbox
            List<String> fetched = ok(client, "b6", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modSeq + " VANISHED)");
            assertThat(fetched.get(0)).isEqualTo("* VANISHED (EARLIER) 3,5");
            assertThat(fetched).hasSize(4);
            assertThat(fetched.get(1)).startsWith("* 2 FETCH (UID 2 FLAGS (\\Flagged");
            assertThat(fetched.get(2)).startsWith("* 5 FETCH (UID 7 ");
        }
    }

    @Test
    void liveSessionsHearExpungesAsVanishedUnderQresyncAndFlagChangesWithModseq() throws Exception {
        Account account = sixMessages("qresync-live");
        try (LineClient qresync = login(account); LineClient condstore = login(account); LineClient plain = login(account);
                LineClient other = login(account)) {
            ok(qresync, "q1", "ENABLE QRESYNC");
            ok(qresync, "q2", "SELECT INBOX");
            ok(condstore, "c1", "SELECT INBOX (CONDSTORE)");
            ok(plain, "p1", "SELECT INBOX");
            ok(other, "o1", "SELECT INBOX");
            qresync.send("q3 IDLE");
            assertThat(qresync.readLine()).isEqualTo("+ idling");

            ok(other, "o2", "STORE 4 +FLAGS.SILENT (\\Seen)");
            String flagged = qresync.readLine();
            assertThat(flagged).matches("\\* 4 FETCH \\(UID 4 FLAGS \\(\\\\Seen( \\\\Recent)?\\) MODSEQ \\(\\d+\\)\\)");
            long modSeq = number(MODSEQ, List.of(flagged));
            ok(other, "o3", "STORE 2,3 +FLAGS.SILENT (\\Deleted)");
            qresync.readLine();
            qresync.readLine();
            ok(other, "o4", "EXPUNGE");
            assertThat(qresync.readLine()).isEqualTo("* VANISHED 2:3");
            qresync.send("DONE");
            assertThat(qresync.readLine()).isEqualTo("q3 OK IDLE terminated");

            // CONDSTORE without QRESYNC: EXPUNGE as usual (numbers first), flag changes with MODSEQ (RFC 7162 §3.1.4)
            List<String> noop = ok(condstore, "c2", "NOOP");
            assertThat(noop).contains("* 2 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (" + modSeq + "))", "* 3 EXPUNGE",
                    "* 2 EXPUNGE");
            // neither: no MODSEQ anywhere
            List<String> plainNoop = ok(plain, "p2", "NOOP");
            assertThat(plainNoop).contains("* 3 EXPUNGE", "* 2 EXPUNGE").noneMatch(line -> line.contains("MODSEQ"));

            // a MOVE by the QRESYNC session itself reports VANISHED, after the COPYUID
            ok(qresync, "q4", "CREATE Archive");
            List<String> moved = ok(qresync, "q5", "UID MOVE 6 Archive");
            assertThat(moved.get(0)).startsWith("* OK [COPYUID ");
            assertThat(moved.get(1)).isEqualTo("* VANISHED 6");
        }
    }

    @Test
    void conditionalStoreLosesToAnotherSessionsChange() throws Exception {
        Account account = sixMessages("qresync-conflict");
        try (LineClient first = login(account); LineClient second = login(account)) {
            ok(first, "f1", "SELECT INBOX (CONDSTORE)");
            ok(second, "s1", "SELECT INBOX (CONDSTORE)");
            long read = number(MODSEQ, ok(first, "f2", "FETCH 1 (MODSEQ)"));
            assertThat(number(MODSEQ, ok(second, "s2", "FETCH 1 (MODSEQ)"))).isEqualTo(read);

            List<String> won = ok(second, "s3", "STORE 1 (UNCHANGEDSINCE " + read + ") +FLAGS ($Label1)");
            assertThat(won.get(won.size() - 1)).isEqualTo("s3 OK STORE completed");
            long after = number(MODSEQ, won);
            assertThat(after).isGreaterThan(read);

            // the first client still believes in `read`: its store is refused, and it learns why
            List<String> lost = ok(first, "f3", "STORE 1 (UNCHANGEDSINCE " + read + ") +FLAGS ($Label2)");
            assertThat(lost.get(lost.size() - 1)).startsWith("f3 OK [MODIFIED 1] ");
            assertThat(lost).anyMatch(line -> line.matches("\\* 1 FETCH \\(UID 1 FLAGS \\(.*\\$Label1.*\\) MODSEQ \\(" + after
                    + "\\)\\)"));
            assertThat(ok(first, "f4", "FETCH 1 (FLAGS)").get(0)).doesNotContain("$Label2");

            // with the MODSEQ it learnt, it may try again and win
            List<String> retried = ok(first, "f5", "UID STORE 1 (UNCHANGEDSINCE " + after + ") +FLAGS ($Label2)");
            assertThat(retried.get(retried.size() - 1)).isEqualTo("f5 OK STORE completed");
            assertThat(retried.get(0)).contains("$Label1").contains("$Label2");
        }
    }

    @Test
    void ofConditionalStoresRacingOnOneMessageExactlyOneWins() throws Exception {
        Account account = sixMessages("qresync-race");
        int sessions = 6;
        List<LineClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            long read = 0;
            for (int i = 0; i < sessions; i++) {
                LineClient client = login(account);
                clients.add(client);
                read = number(HIGHESTMODSEQ, ok(client, "s" + i, "SELECT INBOX (CONDSTORE)"));
            }
            long unchangedSince = number(MODSEQ, ok(clients.get(0), "m", "FETCH 3 (MODSEQ)"));
            assertThat(unchangedSince).isLessThanOrEqualTo(read);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                LineClient client = clients.get(i);
                String command = "STORE 3 (UNCHANGEDSINCE " + unchangedSince + ") +FLAGS.SILENT ($Race" + i + ")";
                Callable<String> store = () -> {
                    start.await();
                    List<String> lines = command(client, "r", command);
                    return lines.get(lines.size() - 1);
                };
                results.add(pool.submit(store));
            }
            start.countDown();
            int won = 0;
            int lost = 0;
            for (Future<String> result : results) {
                String tagged = result.get(30, TimeUnit.SECONDS);
                if (tagged.equals("r OK STORE completed")) {
                    won++;
                } else {
                    assertThat(tagged).startsWith("r OK [MODIFIED 3] ");
                    lost++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(lost).isEqualTo(sessions - 1);
            String flags = ok(clients.get(0), "f", "FETCH 3 (FLAGS)").stream().filter(line -> line.startsWith("* 3 FETCH"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(Pattern.compile("\\$Race").matcher(flags).results().count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            for (LineClient client : clients) {
                client.close();
            }
        }
    }
}
