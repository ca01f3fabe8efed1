package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One envelope, a hundred local recipients: one content row, a hundred mailbox entries, one transaction. */
class HundredRecipientsTest extends DeliveryTestSupport {
    final List<String> addresses = new ArrayList<>();

    @BeforeAll
    void accounts() throws Exception {
        long domain = directory.createDomain("hundred.test").id();
        for (int i = 0; i < 100; i++) {
            String address = "r" + i + "@hundred.test";
            // inserted directly: a hundred adaptive password hashes would dominate the test's time
            long id = jdbc.sql("INSERT INTO accounts (domain_id, address, password_hash) VALUES (?, ?, '{noop}x') RETURNING id")
                    .params(domain, address).query(Long.class).single();
            jdbc.sql("INSERT INTO mailboxes (account_id, name) VALUES (?, 'INBOX')").param(id).update();
            addresses.add(address);
        }
    }

    @Test
    void theContentIsStoredOnce() throws Exception {
        byte[] message = bytes("From: list@example.org\r\nSubject: to a hundred\r\n\r\n" + "z".repeat(20_000) + "\r\n");
        Envelope envelope = envelope("list@example.org", addresses.toArray(String[]::new));
        publish(envelope, message);
        awaitProcessed(envelope.id(), 100);
        List<Long> contents = jdbc.sql("""
                SELECT DISTINCT m.content_id FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
                JOIN accounts a ON a.id = b.account_id WHERE a.address LIKE '%@hundred.test'""").query(Long.class).list();
        assertThat(contents).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM messages WHERE content_id = ?").param(contents.get(0))
                .query(Long.class).single()).isEqualTo(100);
        // each entry has its own Delivered-To in front of the shared bytes
        List<String> prefixes = jdbc.sql("SELECT convert_from(trace_prefix, 'UTF8') FROM messages WHERE content_id = ?")
                .param(contents.get(0)).query(String.class).list();
        assertThat(prefixes).hasSize(100).allMatch(p -> p.startsWith("Return-Path: <list@example.org>\r\nDelivered-To: r"))
                .doesNotHaveDuplicates();
    }
}
