package io.mailplatform.webmail.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.acl.MailboxAcl;
import io.mailplatform.store.acl.Rights;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One account can never reach another's data: every user endpoint that takes a mailbox, message,
 * part or draft id, called by Bob with Alice's ids, answers 404 (a problem, the same as for an id that
 * does not exist, so ids cannot be probed) and leaves Alice's mailboxes, messages and flags as they were.
 * In the paths, {inbox}, {work} and {drafts} stand for Alice's mailbox ids, {uid} for her message and
 * {draft} for her draft's UID; Bob's own INBOX has one message (UID 1) to move or copy into hers.
 *
 * <p>Alice has shared every one of those mailboxes with Bob, and with anyone, with every RFC 4314
 * right: IMAP's shared folders stay out of the REST API, which serves an account's own mailboxes only.
 */
class AccountIsolationApiTest extends UserApiTest {
    private static final String ALICE = "alice@isolation.test";
    private static final String BOB = "bob@isolation.test";
    private static final String MESSAGE = "From: carol@example.org\r\nSubject: private\r\nMessage-ID: <p@x>\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsecret text\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=a.bin\r\n\r\n"
            + "payload\r\n--b--\r\n";

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailboxAcl acl;

    private Mailbox inbox;
    private Mailbox work;
    private long uid;
    private long draftsId;
    private long draft;

    @BeforeAll
    void twoAccounts() throws Exception {
        directory.createDomain("isolation.test");
        Account alice = directory.createAccount(ALICE, "secret");
        Account bob = directory.createAccount(BOB, "secret");
        inbox = mailboxes.require(alice.id(), "INBOX");
        uid = append(inbox);
        assertThat(call("POST", "/api/mailboxes", "{\"name\":\"Work\"}", ALICE).statusCode()).isEqualTo(201);
        work = mailboxes.require(alice.id(), "Work");
        append(work);
        HttpResponse<String> saved = call("POST", "/api/drafts", "{\"to\":[\"carol@example.org\"],\"subject\":\"plan\","
                + "\"text\":\"draft text\"}", ALICE);
        assertThat(saved.statusCode()).isEqualTo(201);
        draft = number(saved.body(), "uid");
        draftsId = mailboxes.require(alice.id(), "Drafts").id();
        assertThat(append(mailboxes.require(bob.id(), "INBOX"))).isEqualTo(1);
        for (Mailbox shared : mailboxes.mailboxes(alice.id())) {
            acl.set(shared, bob.id(), Rights.ALL);
            acl.set(shared, null, Rights.ALL);
        }
    }

    @Test
    void sharedMailboxesAreNotListedNorReachableByName() throws Exception {
        HttpResponse<String> list = call("GET", "/api/mailboxes", null, BOB);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("Work", ALICE, "Other Users");
        for (String name : List.of("Other%20Users%2F" + ALICE + "%2FWork", "Work")) {
            HttpResponse<String> response = call("GET", "/api/mailboxes/" + name + "/messages", null, BOB);
            assertThat(response.statusCode()).as(name).isIn(400, 404);
            assertThat(response.body()).doesNotContain("private", "secret");
        }
        // the namespace where IMAP shows shared mailboxes holds none of an account's own
        HttpResponse<String> created = call("POST", "/api/mailboxes", "{\"name\":\"Other Users/" + ALICE + "/Work\"}", BOB);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
    }

    private long append(Mailbox box) {
        return mailboxes.append(box, MESSAGE.getBytes(StandardCharsets.US_ASCII), MessageFlags.NONE,
                Instant.parse("2026-04-01T00:00:00Z")).uid();
    }

    private static long number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertThat(matcher.find()).as(json).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Everything Alice can see of her account: mailboxes with counts and UIDNEXT, messages with flags, raw bytes. */
    private List<String> aliceData() throws Exception {
        List<String> data = new ArrayList<>();
        data.add(call("GET", "/api/mailboxes", null, ALICE).body());
        for (long box : List.of(inbox.id(), work.id(), draftsId)) {
            data.add(call("GET", "/api/mailboxes/" + box + "/messages", null, ALICE).body());
        }
        data.add(call("GET", "/api/mailboxes/" + inbox.id() + "/messages/" + uid + "/raw", null, ALICE).body());
        return data;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | /api/mailboxes/{inbox}                              | -
            PATCH  | /api/mailboxes/{work}                               | {"name":"Stolen"}
            PATCH  | /api/mailboxes/{work}                               | {"subscribed":false}
            DELETE | /api/mailboxes/{work}                               | -
            GET    | /api/mailboxes/{inbox}/messages                     | -
            GET    | /api/mailboxes/{inbox}/messages?subject=private     | -
            GET    | /api/mailboxes/{inbox}/threads                      | -
            GET    | /api/mailboxes/{inbox}/messages/{uid}               | -
            GET    | /api/mailboxes/{inbox}/messages/{uid}/html          | -
            GET    | /api/mailboxes/{inbox}/messages/{uid}/raw           | -
            GET    | /api/mailboxes/{inbox}/messages/{uid}/parts/1       | -
            GET    | /api/mailboxes/{inbox}/messages/{uid}/parts/2       | -
            PATCH  | /api/mailboxes/{inbox}/messages/{uid}               | {"add":["\\\\Seen"]}
            POST   | /api/mailboxes/{inbox}/messages/flags               | {"uids":[{uid}],"add":["\\\\Flagged"]}
            POST   | /api/mailboxes/{inbox}/messages/move                | {"uids":[{uid}],"target":"INBOX"}
            POST   | /api/mailboxes/{inbox}/messages/copy                | {"uids":[{uid}],"target":"INBOX"}
            POST   | /api/mailboxes/INBOX/messages/move                  | {"uids":[1],"target":"{work}"}
            POST   | /api/mailboxes/INBOX/messages/copy                  | {"uids":[1],"target":"{inbox}"}
            DELETE | /api/mailboxes/{inbox}/messages/{uid}               | -
            POST   | /api/mailboxes/{inbox}/messages/delete              | {"uids":[{uid}]}
            GET    | /api/mailboxes/{inbox}/export                       | -
            GET    | /api/mailboxes/{drafts}/messages/{draft}/raw        | -
            PUT    | /api/drafts/{draft}                                 | {"to":["eve@example.org"],"subject":"x","text":"y"}
            POST   | /api/drafts/{draft}/send                            | -
            """)
    void anotherAccountsIdsAreNotFound(String method, String template, String body) throws Exception {
        List<String> before = aliceData();

        HttpResponse<String> response = call(method, fill(template), body == null ? null : fill(body), BOB);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("private", "secret", "payload", "draft text");
        assertThat(aliceData()).isEqualTo(before);
    }

    private String fill(String template) {
        return template.replace("{inbox}", Long.toString(inbox.id())).replace("{work}", Long.toString(work.id()))
                .replace("{drafts}", Long.toString(draftsId)).replace("{uid}", Long.toString(uid))
                .replace("{draft}", Long.toString(draft));
    }
}
