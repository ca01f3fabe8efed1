package io.mailplatform.webmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.relay.QueuedRecipient;
import io.mailplatform.store.relay.RelayQueue;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The relay queue's admin endpoints over real HTTP on a real PostgreSQL: listing with filters and
 * pages, one entry with its attempts, retry, hold and release (which the relay's claim respects),
 * deletion silent or with a report (marked for the relay, never written here), and the problems:
 * 404 for an unknown entry, 409 for one being sent, 400 for bad filters.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "spring.kafka.admin.auto-create=false",
                "spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.datasource.hikari.connection-timeout=1000"})
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundQueueAdminApiTest {
    private static final String QUEUE = "/api/admin/outbound-queue";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RelayQueue relayQueue;

    @BeforeEach
    void emptyQueue() {
        jdbc.sql("DELETE FROM outbound_queue").update();
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return new ApiClient(port).call(method, path, null, "admin", "admin-secret");
    }

    private JsonNode json(String method, String path, int status) throws Exception {
        HttpResponse<String> response = admin(method, path);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** A queued recipient, {@code age} old, with {@code attempts} attempts so far. */
    private long enqueue(String recipient, Duration age, int attempts) {
        long content = jdbc.sql("INSERT INTO message_contents (size, body_offset, raw) VALUES (3, 0, '\\x616263') RETURNING id")
                .query(Long.class).single();
        Instant created = Instant.now().minus(age);
        return jdbc.sql("""
                INSERT INTO outbound_queue (envelope_id, reverse_path, recipient, domain, content_id, envelope, created_at,
                                            next_attempt, attempts, last_error)
                VALUES (?, 'dora@accounts.test', ?, ?, ?, '\\x00', ?, ?, ?, ?) RETURNING id""")
                .params("ENV-" + recipient, recipient, recipient.substring(recipient.indexOf('@') + 1), content,
                        Timestamp.from(created), Timestamp.from(Instant.now().plus(Duration.ofHours(1))), attempts,
                        attempts == 0 ? null : "451 4.4.1 try later")
                .query(Long.class).single();
    }

    /** As if a relay instance were sending it now. */
    private void lease(long id) {
        jdbc.sql("UPDATE outbound_queue SET leased_by = 'relay-x', leased_until = now() + interval '5 minutes' WHERE id = ?")
                .param(id).update();
    }

    private static List<String> recipients(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("entries").forEach(e -> out.add(e.get("recipient").asString()));
        return out;
    }

    /** What a relay instance would claim now. */
    private List<Long> claimable() {
        Instant now = Instant.now();
        List<QueuedRecipient> claimed = relayQueue.claim("test", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), 100);
        List<Long> ids = claimed.stream().map(QueuedRecipient::id).toList();
        relayQueue.release("test", ids);
        return ids;
    }

    @Test
    void theQueueIsListedWithFiltersAndPages() throws Exception {
        long fresh = enqueue("a@one.test", Duration.ofMinutes(1), 0);
        long waiting = enqueue("b@one.test", Duration.ofHours(3), 2);
        long old = enqueue("c@two.test", Duration.ofDays(2), 5);
        long sending = enqueue("d@Two.test", Duration.ofMinutes(30), 1);
        lease(sending);

        JsonNode all = json("GET", QUEUE, 200);
        assertThat(all.get("size").asLong()).isEqualTo(4);
        assertThat(recipients(all)).containsExactly("a@one.test", "b@one.test", "c@two.test", "d@Two.test");
        assertThat(all.get("next").isNull()).isTrue();
        JsonNode first = all.get("entries").get(0);
        assertThat(first.get("state").asString()).isEqualTo("queued");
        assertThat(first.get("reversePath").asString()).isEqualTo("dora@accounts.test");
        assertThat(all.get("entries").get(1).get("state").asString()).isEqualTo("deferred");
        assertThat(all.get("entries").get(1).get("lastError").asString()).isEqualTo("451 4.4.1 try later");
        assertThat(all.get("entries").get(3).get("state").asString()).isEqualTo("in-flight");
        assertThat(all.get("entries").get(3).get("instance").asString()).isEqualTo("relay-x");

        assertThat(recipients(json("GET", QUEUE + "?domain=TWO.test", 200))).containsExactly("c@two.test", "d@Two.test");
        assertThat(recipients(json("GET", QUEUE + "?state=deferred", 200))).containsExactly("b@one.test", "c@two.test");
        assertThat(recipients(json("GET", QUEUE + "?state=in-flight", 200))).containsExactly("d@Two.test");
        assertThat(recipients(json("GET", QUEUE + "?minAge=1h", 200))).containsExactly("b@one.test", "c@two.test");
        assertThat(recipients(json("GET", QUEUE + "?maxAge=PT2H", 200))).containsExactly("a@one.test", "d@Two.test");
        assertThat(recipients(json("GET", QUEUE + "?minAge=10m&maxAge=1d&domain=one.test", 200)))
                .containsExactly("b@one.test");

        // pages: keyset on the id, the total on each page
        JsonNode page1 = json("GET", QUEUE + "?limit=3", 200);
        assertThat(recipients(page1)).containsExactly("a@one.test", "b@one.test", "c@two.test");
        assertThat(page1.get("size").asLong()).isEqualTo(4);
        assertThat(page1.get("next").asLong()).isEqualTo(old);
        JsonNode page2 = json("GET", QUEUE + "?limit=3&after=" + page1.get("next").asLong(), 200);
        assertThat(recipients(page2)).containsExactly("d@Two.test");
        assertThat(page2.get("next").isNull()).isTrue();
        JsonNode filtered = json("GET", QUEUE + "?state=deferred&limit=1", 200);
        assertThat(recipients(filtered)).containsExactly("b@one.test");
        assertThat(filtered.get("size").asLong()).isEqualTo(2);
        assertThat(recipients(json("GET", QUEUE + "?state=deferred&limit=1&after=" + filtered.get("next").asLong(), 200)))
                .containsExactly("c@two.test");
        assertThat(fresh).isLessThan(waiting);
    }

    @Test
    void badFiltersAreProblems() throws Exception {
        for (String query : List.of("?state=lost", "?minAge=soon", "?maxAge=-1h", "?minAge=2d&maxAge=1d", "?limit=0",
                "?limit=10001", "?after=-1", "?after=x")) {
            HttpResponse<String> response = admin("GET", QUEUE + query);
            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).contains("problem+json"));
        }
        assertThat(json("GET", QUEUE + "?state=lost", 400).get("detail").asString()).contains("queued, deferred");
    }

    @Test
    void onlyTheAdministratorSeesOrChangesTheQueue() throws Exception {
        long id = enqueue("x@remote.test", Duration.ofMinutes(5), 0);
        for (String[] call : List.of(new String[] {"GET", QUEUE}, new String[] {"GET", QUEUE + "/" + id},
                new String[] {"POST", QUEUE + "/" + id + "/hold"}, new String[] {"DELETE", QUEUE + "/" + id})) {
            assertThat(new ApiClient(port).call(call[0], call[1], null, null, null).statusCode()).isEqualTo(401);
        }
        assertThat(new ApiClient(port).call("DELETE", QUEUE + "/" + id, null, "admin", "wrong").statusCode()).isEqualTo(401);
        assertThat(json("GET", QUEUE + "/" + id, 200).get("entry").get("state").asString()).isEqualTo("queued");
    }

    @Test
    void anEntryIsShownWithEveryHostTried() throws Exception {
        long id = enqueue("x@remote.test", Duration.ofHours(1), 2);
        jdbc.sql("""
                INSERT INTO outbound_attempts (queue_id, attempted_at, host, status, reply) VALUES
                (?, now() - interval '50 minutes', 'mx1.remote.test[192.0.2.1]:25', '4.4.1', 'cannot connect to mx1.remote.test'),
                (?, now() - interval '10 minutes', 'mx2.remote.test[192.0.2.2]:25', '4.2.1', '451 4.2.1 mailbox busy')""")
                .params(id, id).update();
        JsonNode details = json("GET", QUEUE + "/" + id, 200);
        assertThat(details.get("entry").get("id").asLong()).isEqualTo(id);
        assertThat(details.get("entry").get("attempts").asInt()).isEqualTo(2);
        JsonNode attempts = details.get("attempts");
        assertThat(attempts.size()).isEqualTo(2);
        assertThat(attempts.get(0).get("host").asString()).isEqualTo("mx1.remote.test[192.0.2.1]:25");
        assertThat(attempts.get(1).get("reply").asString()).isEqualTo("451 4.2.1 mailbox busy");
        assertThat(attempts.get(1).get("status").asString()).isEqualTo("4.2.1");
        assertThat(Instant.parse(attempts.get(1).get("attemptedAt").asString()))
                .isBetween(Instant.now().minus(Duration.ofMinutes(11)), Instant.now().minus(Duration.ofMinutes(9)));

        JsonNode missing = json("GET", QUEUE + "/" + (id + 1000), 404);
        assertThat(missing.get("detail").asString()).contains("no queue entry");
        assertThat(admin("GET", QUEUE + "/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void retryMakesAnEntryDueAtOnce() throws Exception {
        long id = enqueue("x@remote.test", Duration.ofHours(1), 1);
        assertThat(claimableAt(Instant.now())).doesNotContain(id); // next attempt in an hour
        JsonNode entry = json("POST", QUEUE + "/" + id + "/retry", 200);
        assertThat(Instant.parse(entry.get("nextAttempt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(claimableAt(Instant.now().plusSeconds(1))).containsExactly(id);

        lease(id);
        JsonNode conflict = json("POST", QUEUE + "/" + id + "/retry", 409);
        assertThat(conflict.get("detail").asString()).contains("being sent now");
        assertThat(json("POST", QUEUE + "/" + (id + 1000) + "/retry", 404).get("status").asInt()).isEqualTo(404);
    }

    /** What a relay instance would claim at {@code now} (and gives back at once). */
    private List<Long> claimableAt(Instant now) {
        List<Long> ids = relayQueue.claim("test", now, now.plus(Duration.ofMinutes(5)), 100).stream()
                .map(QueuedRecipient::id).toList();
        relayQueue.release("test", ids);
        return ids;
    }

    @Test
    void aHeldEntryIsNeverClaimedUntilReleased() throws Exception {
        long id = enqueue("x@remote.test", Duration.ofHours(1), 1);
        assertThat(claimable()).containsExactly(id);

        assertThat(json("POST", QUEUE + "/" + id + "/hold", 200).get("state").asString()).isEqualTo("held");
        assertThat(claimable()).isEmpty();
        assertThat(recipients(json("GET", QUEUE + "?state=held", 200))).containsExactly("x@remote.test");
        assertThat(json("POST", QUEUE + "/" + id + "/hold", 200).get("state").asString()).isEqualTo("held");

        assertThat(json("POST", QUEUE + "/" + id + "/release", 200).get("state").asString()).isEqualTo("deferred");
        assertThat(claimable()).containsExactly(id);

        // a retry releases a held entry too
        json("POST", QUEUE + "/" + id + "/hold", 200);
        assertThat(json("POST", QUEUE + "/" + id + "/retry", 200).get("state").asString()).isEqualTo("deferred");

        lease(id);
        assertThat(json("POST", QUEUE + "/" + id + "/hold", 409).get("detail").asString()).contains("being sent now");
        assertThat(admin("POST", QUEUE + "/" + (id + 1000) + "/release").statusCode()).isEqualTo(404);
    }

    @Test
    void aSilentDeleteRemovesTheEntryAndItsContent() throws Exception {
        long id = enqueue("x@remote.test", Duration.ofHours(1), 1);
        long content = jdbc.sql("SELECT content_id FROM outbound_queue WHERE id = ?").param(id).query(Long.class).single();
        long sending = enqueue("y@remote.test", Duration.ofHours(1), 1);
        lease(sending);

        assertThat(admin("DELETE", QUEUE + "/" + id).statusCode()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue WHERE id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM message_contents WHERE id = ?").param(content).query(Long.class).single())
                .isZero();
        assertThat(admin("DELETE", QUEUE + "/" + id).statusCode()).isEqualTo(404);

        assertThat(json("DELETE", QUEUE + "/" + sending, 409).get("detail").asString()).contains("being sent now");
        assertThat(json("DELETE", QUEUE + "/" + sending + "?dsn=true", 409).get("status").asInt()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue WHERE id = ?").param(sending).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aDeleteWithAReportIsLeftToTheRelay() throws Exception {
        long id = enqueue("x@remote.test", Duration.ofHours(1), 1);
        json("POST", QUEUE + "/" + id + "/hold", 200);

        JsonNode entry = json("DELETE", QUEUE + "/" + id + "?dsn=true", 202);
        assertThat(entry.get("state").asString()).isEqualTo("bouncing");
        // marked, due and released for the relay, which writes the report; nothing was written here
        List<QueuedRecipient> claimed = relayQueue.claim("test", Instant.now().plusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(5)), 100);
        assertThat(claimed).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo(id);
            assertThat(row.bounceRequested()).isTrue();
        });
        relayQueue.release("test", List.of(id));
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single()).isEqualTo(1);

        assertThat(json("POST", QUEUE + "/" + id + "/hold", 409).get("detail").asString()).contains("being deleted");
        assertThat(admin("POST", QUEUE + "/" + id + "/retry").statusCode()).isEqualTo(409);
        assertThat(admin("POST", QUEUE + "/" + id + "/release").statusCode()).isEqualTo(409);
        assertThat(json("DELETE", QUEUE + "/" + id + "?dsn=true", 202).get("state").asString()).isEqualTo("bouncing");
        // the operator may still drop it without a report
        assertThat(admin("DELETE", QUEUE + "/" + id).statusCode()).isEqualTo(204);
        assertThat(admin("DELETE", QUEUE + "/" + id + "?dsn=true").statusCode()).isEqualTo(404);
    }
}
