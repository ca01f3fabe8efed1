package io.mailplatform.webmail.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Mailboxes through the API, with the rules IMAP applies (the same store code) and problem answers. */
class MailboxApiTest extends UserApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER = "mia@boxes.test";
    private static final String OTHER = "noah@boxes.test";

    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    Account mia;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("boxes.test");
        mia = directory.createAccount(USER, "secret");
        directory.createAccount(OTHER, "secret");
        byte[] message = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        var inbox = mailboxes.require(mia.id(), "INBOX");
        mailboxes.append(inbox, message, MessageFlags.NONE, Instant.now());
        mailboxes.append(inbox, message, MessageFlags.of(java.util.List.of("\\Seen")), Instant.now());
    }

    private JsonNode mailbox(String user, String name) throws Exception {
        for (JsonNode box : JSON.readTree(call("GET", "/api/mailboxes", null, user).body())) {
            if (box.get("name").asString().equals(name)) {
                return box;
            }
        }
        return null;
    }

    @Test
    void theListHasCountsAndRoles() throws Exception {
        JsonNode inbox = mailbox(USER, "INBOX");
        assertThat(inbox.get("total").asLong()).isEqualTo(2);
        assertThat(inbox.get("unseen").asLong()).isEqualTo(1);
        assertThat(inbox.get("role").asString()).isEqualTo("inbox");
        assertThat(mailbox(USER, "Trash").get("role").asString()).isEqualTo("trash");
        assertThat(mailbox(USER, "Sent").get("specialUse").asString()).isEqualTo("\\Sent");
        long id = inbox.get("id").asLong();
        assertThat(JSON.readTree(call("GET", "/api/mailboxes/" + id, null, USER).body()).get("name").asString())
                .isEqualTo("INBOX");
    }

    @Test
    void createRenameSubscribeDelete() throws Exception {
        HttpResponse<String> created = call("POST", "/api/mailboxes", "{\"name\":\"Projects/2026\"}", USER);
        assertThat(created.statusCode()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/mailboxes/" + id);
        assertThat(mailbox(USER, "Projects")).as("superior created, as IMAP CREATE does").isNotNull();

        HttpResponse<String> renamed = call("PATCH", "/api/mailboxes/" + id, "{\"name\":\"Projects/Done\",\"subscribed\":true}", USER);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        JsonNode view = JSON.readTree(renamed.body());
        assertThat(view.get("name").asString()).isEqualTo("Projects/Done");
        assertThat(view.get("subscribed").asBoolean()).isTrue();
        assertThat(view.get("id").asLong()).as("same mailbox").isEqualTo(id);
        assertThat(JSON.readTree(call("PATCH", "/api/mailboxes/" + id, "{\"subscribed\":false}", USER).body())
                .get("subscribed").asBoolean()).isFalse();

        long projects = mailbox(USER, "Projects").get("id").asLong();
        assertThat(call("DELETE", "/api/mailboxes/" + projects, null, USER).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/mailboxes/Projects", null, USER).statusCode())
                .as("a level with inferiors left: 404 by name, it is no mailbox").isEqualTo(404);
        assertThat(call("DELETE", "/api/mailboxes/" + id, null, USER).statusCode()).isEqualTo(204);
        assertThat(mailbox(USER, "Projects/Done")).isNull();
    }

    @Test
    void theImapRulesGiveProblems() throws Exception {
        assertProblem(call("POST", "/api/mailboxes", "{\"name\":\"INBOX\"}", USER), 409);
        assertProblem(call("POST", "/api/mailboxes", "{\"name\":\"Trash\"}", USER), 409);
        assertProblem(call("POST", "/api/mailboxes", "{\"name\":\"a//b\"}", USER), 400);
        assertProblem(call("POST", "/api/mailboxes", "{\"name\":\"wild*\"}", USER), 400);
        assertProblem(call("POST", "/api/mailboxes", "{\"name\":\"" + "x".repeat(600) + "\"}", USER), 400);
        assertProblem(call("POST", "/api/mailboxes", "{}", USER), 400);
        assertProblem(call("POST", "/api/mailboxes", "{\"name\":", USER), 400);
        assertProblem(call("DELETE", "/api/mailboxes/INBOX", null, USER), 400);
        assertProblem(call("PATCH", "/api/mailboxes/Sent", "{\"name\":\"Drafts\"}", USER), 409);
        assertProblem(call("PATCH", "/api/mailboxes/Sent", "{}", USER), 400);
        call("POST", "/api/mailboxes", "{\"name\":\"Loop\"}", USER);
        assertProblem(call("PATCH", "/api/mailboxes/Loop", "{\"name\":\"Loop/Inner\"}", USER), 400);
        assertProblem(call("GET", "/api/mailboxes/Nowhere", null, USER), 404);
    }

    @Test
    void anotherAccountsMailboxesAreNotFound() throws Exception {
        long inbox = mailbox(USER, "INBOX").get("id").asLong();
        for (String[] request : new String[][] {{"GET", ""}, {"PATCH", ""}, {"DELETE", ""}, {"GET", "/messages"},
                {"GET", "/messages/1"}, {"GET", "/messages/1/raw"}, {"GET", "/messages/1/parts/1"}, {"GET", "/export"},
                {"PATCH", "/messages/1"}, {"DELETE", "/messages/1"}, {"POST", "/messages/flags"},
                {"POST", "/messages/move"}, {"POST", "/messages/copy"}, {"POST", "/messages/delete"}}) {
            String body = request[0].equals("GET") || request[0].equals("DELETE") ? null
                    : "{\"name\":\"Stolen\",\"uids\":[1],\"add\":[\"\\\\Seen\"],\"target\":\"INBOX\"}";
            HttpResponse<String> response = call(request[0], "/api/mailboxes/" + inbox + request[1], body, OTHER);
            assertThat(response.statusCode()).as(request[0] + " " + request[1] + ": " + response.body()).isEqualTo(404);
        }
        // nothing changed in mia's mailbox
        assertThat(mailbox(USER, "INBOX").get("unseen").asLong()).isEqualTo(1);
        HttpResponse<String> moved = call("POST", "/api/mailboxes/INBOX/messages/move",
                "{\"uids\":[1],\"target\":\"" + inbox + "\"}", OTHER);
        assertThat(moved.statusCode()).as("a foreign target is not found either").isEqualTo(404);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status);
    }
}
