package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.testsupport.LineClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * RFC 8474 OBJECTID: what the transcript cannot compare. A MAILBOXID is the same in CREATE, SELECT
 * and STATUS and survives RENAME, a re-created mailbox gets another; an EMAILID survives COPY and
 * MOVE and SEARCH EMAILID finds every copy; two accounts that received one delivery (one shared
 * content row) see unrelated EMAILIDs. A THREADID is shared by a reply chain across mailboxes and
 * kept by COPY and MOVE; SEARCH THREADID finds the thread's messages in the selected mailbox.
 */
class ObjectIdTest extends ImapTestSupport {
    private static final Pattern MAILBOXID = Pattern.compile("MAILBOXID \\((F[0-9a-f]{24})\\)");
    private static final Pattern EMAILID = Pattern.compile("EMAILID \\((M[0-9a-f]{24})\\)");
    private static final Pattern THREADID = Pattern.compile("THREADID \\((T[0-9a-f]{24})\\)");

    @Autowired
    MailboxDelivery delivery;

    @Test
    void mailboxIdIsStableAcrossRenameAndNewForANewMailbox() throws Exception {
        Account account = account("objectid-mailbox");
        try (LineClient client = login(account)) {
            String created = id(MAILBOXID, command(client, "a", "CREATE Projects"));
            assertThat(id(MAILBOXID, command(client, "b", "STATUS Projects (MAILBOXID)"))).isEqualTo(created);
            assertThat(command(client, "c", "RENAME Projects Archive/2026")).last().asString().startsWith("c OK");
            assertThat(id(MAILBOXID, command(client, "d", "SELECT Archive/2026"))).isEqualTo(created);
            assertThat(id(MAILBOXID, command(client, "e", "LIST \"\" Archive/2026 RETURN (STATUS (MAILBOXID))")))
                    .isEqualTo(created);
            command(client, "f", "UNSELECT");
            command(client, "g", "DELETE Archive/2026");
            String again = id(MAILBOXID, command(client, "h", "CREATE Archive/2026"));
            assertThat(again).isNotEqualTo(created);
            assertThat(id(MAILBOXID, command(client, "i", "STATUS INBOX (MAILBOXID)"))).isNotIn(created, again);
        }
    }

    @Test
    void emailIdIsStableAcrossCopyAndMoveAndSearchable() throws Exception {
        Account account = account("objectid-email");
        Mailbox inbox = inbox(account);
        append(inbox, simpleMessage("a@example.test", "one", "one"), Instant.now());
        append(inbox, simpleMessage("a@example.test", "two", "two"), Instant.now());
        mailboxes.create(account.id(), "Kept");
        mailboxes.create(account.id(), "Moved");
        try (LineClient client = login(account)) {
            command(client, "a", "SELECT INBOX");
            String first = id(EMAILID, command(client, "b", "FETCH 1 EMAILID"));
            String second = id(EMAILID, command(client, "c", "FETCH 2 EMAILID"));
            assertThat(first).isNotEqualTo(second);
            command(client, "d", "COPY 1 Kept");
            command(client, "e", "MOVE 1 Moved");
            command(client, "f", "SELECT Kept");
            assertThat(id(EMAILID, command(client, "g", "FETCH 1 EMAILID"))).isEqualTo(first);
            assertThat(command(client, "h", "SEARCH EMAILID " + first)).contains("* SEARCH 1");
            command(client, "i", "SELECT Moved");
            assertThat(id(EMAILID, command(client, "j", "FETCH 1 (EMAILID)"))).isEqualTo(first);
            command(client, "k", "SELECT INBOX");
            assertThat(command(client, "l", "UID SEARCH EMAILID " + second)).contains("* SEARCH 2");
            assertThat(command(client, "m", "SEARCH EMAILID " + first)).contains("* SEARCH");
        }
    }

    @Test
    void oneDeliveryToTwoAccountsGivesUnrelatedEmailIds() throws Exception {
        Account alice = account("objectid-alice");
        Account bob = account("objectid-bob");
        byte[] raw = simpleMessage("c@example.org", "to both", "hello").replace("\n", "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        delivery.deliver(List.of(new InboundMessage("ENV-OBJECTID", raw, Instant.now(), List.of(
                new InboundMessage.LocalCopy(alice.address(), alice.id(), Mailbox.INBOX, null, MessageFlags.NONE, null, null),
                new InboundMessage.LocalCopy(bob.address(), bob.id(), Mailbox.INBOX, null, MessageFlags.NONE, null, null)),
                List.of())));
        String aliceId;
        String aliceMailbox;
        try (LineClient client = login(alice)) {
            aliceMailbox = id(MAILBOXID, command(client, "a", "SELECT INBOX"));
            aliceId = id(EMAILID, command(client, "b", "FETCH 1 EMAILID"));
        }
        try (LineClient client = login(bob)) {
            assertThat(id(MAILBOXID, command(client, "a", "SELECT INBOX"))).isNotEqualTo(aliceMailbox);
            assertThat(id(EMAILID, command(client, "b", "FETCH 1 EMAILID"))).isNotEqualTo(aliceId);
            // Alice's id names nothing in Bob's account
            assertThat(command(client, "c", "SEARCH EMAILID " + aliceId)).contains("* SEARCH");
            assertThat(command(client, "d", "SEARCH EMAILID " + aliceId)).doesNotContain("* SEARCH 1");
        }
    }

    @Test
    void threadIdFollowsAReplyChainAcrossMailboxes() throws Exception {
        Account account = account("objectid-thread");
        Account other = account("objectid-thread-other");
        Mailbox inbox = inbox(account);
        mailboxes.create(account.id(), "Outgoing");
        mailboxes.create(account.id(), "Kept");
        String root = "From: a@example.org\nSubject: plans\nMessage-ID: <root@example.org>\n\nroot\n";
        byte[] rootRaw = root.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        delivery.deliver(List.of(new InboundMessage("ENV-THREADID", rootRaw, Instant.now(), List.of(
                new InboundMessage.LocalCopy(account.address(), account.id(), Mailbox.INBOX, null, MessageFlags.NONE, null, null),
                new InboundMessage.LocalCopy(other.address(), other.id(), Mailbox.INBOX, null, MessageFlags.NONE, null, null)),
                List.of())));
        append(inbox, simpleMessage("b@example.org", "unrelated", "same words"), Instant.now());
        append(inbox, "From: b@example.org\nSubject: Re: plans\nMessage-ID: <second@example.org>\n"
                + "In-Reply-To: <reply@example.test>\nReferences: <root@example.org> <reply@example.test>\n\nsecond\n",
                Instant.now());
        String reply = "From: objectid-thread@example.test\r\nSubject: Re: plans\r\nMessage-ID: <reply@example.test>\r\n"
                + "In-Reply-To: <root@example.org>\r\n\r\nreply\r\n";
        String thread;
        try (LineClient client = login(account)) {
            // the reply, sent after the root, is appended to another mailbox by the client
            client.write("a APPEND Outgoing {" + reply.length() + "+}\r\n" + reply + "\r\n");
            assertThat(readResponse(client, "a", null).lines()).last().asString().startsWith("a OK");
            command(client, "b", "SELECT INBOX");
            thread = id(THREADID, command(client, "c", "FETCH 1 THREADID"));
            assertThat(id(THREADID, command(client, "d", "FETCH 2 THREADID"))).isNotEqualTo(thread);
            assertThat(id(THREADID, command(client, "e", "FETCH 3 (THREADID)"))).isEqualTo(thread);
            assertThat(command(client, "f", "SEARCH THREADID " + thread)).contains("* SEARCH 1 3");
            command(client, "g", "COPY 3 Kept");
            command(client, "h", "SELECT Outgoing");
            assertThat(id(THREADID, command(client, "i", "FETCH 1 (EMAILID THREADID)"))).isEqualTo(thread);
            assertThat(command(client, "j", "SEARCH THREADID " + thread)).contains("* SEARCH 1");
            command(client, "k", "MOVE 1 Kept");
            command(client, "l", "SELECT Kept");
            List<String> kept = command(client, "m", "FETCH 1:2 THREADID");
            assertThat(kept).filteredOn(line -> line.startsWith("* ")).hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("THREADID (" + thread + ")"));
            assertThat(command(client, "n", "UID SEARCH THREADID " + thread)).contains("* SEARCH 1 2");
        }
        try (LineClient client = login(other)) {
            command(client, "a", "SELECT INBOX");
            // the same delivered content, another account: an unrelated id, and the first account's finds nothing
            assertThat(id(THREADID, command(client, "b", "FETCH 1 THREADID"))).isNotEqualTo(thread);
            assertThat(command(client, "c", "SEARCH THREADID " + thread)).contains("* SEARCH")
                    .doesNotContain("* SEARCH 1");
        }
    }

    private static String id(Pattern pattern, List<String> lines) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + pattern + " in " + lines);
    }
}
