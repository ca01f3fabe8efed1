package io.mailplatform.webmail.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Conversations through the API: a mailbox of known threads (a reply chain, a reply to a message
 * that is not there, a lone message) comes back as the RFC 5256 trees, filtered like the list; other
 * accounts get 404.
 */
class ThreadApiTest extends UserApiTest {
    private static final String USER = "tess@threads.test";

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    private Mailbox inbox;

    private long append(String messageId, String inReplyTo, String subject, String date) {
        String header = "From: someone@example.org\r\nSubject: " + subject + "\r\nDate: " + date + "\r\nMessage-ID: <"
                + messageId + ">\r\n" + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\nReferences: <"
                + inReplyTo + ">\r\n");
        return mailboxes.append(inbox, (header + "\r\nbody of " + messageId + "\r\n").getBytes(StandardCharsets.UTF_8),
                MessageFlags.NONE, Instant.parse("2026-04-01T00:00:00Z")).uid();
    }

    @BeforeAll
    void conversation() throws Exception {
        directory.createDomain("threads.test");
        Account tess = directory.createAccount(USER, "secret");
        directory.createAccount("ulla@threads.test", "secret");
        inbox = mailboxes.require(tess.id(), "INBOX");
        append("a@x", null, "Lunch", "Wed, 1 Apr 2026 10:00:00 +0000");
        append("b@x", "a@x", "Re: Lunch", "Wed, 1 Apr 2026 11:00:00 +0000");
        append("c@x", "b@x", "Re: Lunch", "Wed, 1 Apr 2026 12:00:00 +0000");
        append("d@x", null, "Budget", "Wed, 1 Apr 2026 09:00:00 +0000");
        append("f@x", "gone@x", "Re: Trip", "Wed, 1 Apr 2026 13:00:00 +0000");
        append("g@x", "gone@x", "Re: Trip", "Wed, 1 Apr 2026 14:00:00 +0000");
    }

    @Test
    void threadsAreTheTreesOfReferences() throws Exception {
        HttpResponse<String> response = call("GET", "/api/mailboxes/INBOX/threads", null, USER);

        assertThat(response.statusCode()).isEqualTo(200);
        // by the date of each thread's first message: Budget (4), Lunch (1 > 2 > 3), the two replies to a missing message
        assertThat(response.body()).isEqualTo("{\"algorithm\":\"references\",\"threads\":["
                + "{\"uid\":4,\"children\":[]},"
                + "{\"uid\":1,\"children\":[{\"uid\":2,\"children\":[{\"uid\":3,\"children\":[]}]}]},"
                + "{\"uid\":null,\"children\":[{\"uid\":5,\"children\":[]},{\"uid\":6,\"children\":[]}]}]}");
    }

    @Test
    void filtersAndTheOtherAlgorithm() throws Exception {
        assertThat(call("GET", "/api/mailboxes/INBOX/threads?subject=lunch", null, USER).body())
                .isEqualTo("{\"algorithm\":\"references\",\"threads\":["
                        + "{\"uid\":1,\"children\":[{\"uid\":2,\"children\":[{\"uid\":3,\"children\":[]}]}]}]}");
        assertThat(call("GET", "/api/mailboxes/INBOX/threads?algorithm=orderedsubject", null, USER).body())
                .startsWith("{\"algorithm\":\"orderedsubject\",\"threads\":[{\"uid\":4,\"children\":[]},"
                        + "{\"uid\":1,\"children\":[{\"uid\":2,\"children\":[]},{\"uid\":3,\"children\":[]}]}");
        assertThat(call("GET", "/api/mailboxes/INBOX/threads?algorithm=bogus", null, USER).statusCode()).isEqualTo(400);
    }

    @Test
    void anotherAccountsMailboxIsNotFound() throws Exception {
        assertThat(call("GET", "/api/mailboxes/" + inbox.id() + "/threads", null, "ulla@threads.test").statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/mailboxes/INBOX/threads", null, null).statusCode()).isEqualTo(401);
    }
}
