package io.mailplatform.store.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V25 fills the new search columns of contents stored before it, from their stored
 * header: the date of the Date header as written (SENTON and its kin, RFC 9051 §6.4.4) and the
 * words of every header field (TEXT). Runs the real migrations on an empty database: up to V22,
 * contents as the older code stored them, then the rest.
 */
class SearchColumnsBackfillTest {

    private static long content(JdbcClient jdbc, String header, Instant sentDate) {
        byte[] raw = (header + "\r\n\r\nbody text\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return jdbc.sql("INSERT INTO message_contents (size, body_offset, raw, sent_date) VALUES (?, ?, ?, ?) RETURNING id")
                .params(raw.length, header.length() + 4, raw, sentDate == null ? null : Timestamp.from(sentDate))
                .query(Long.class).single();
    }

    private static LocalDate sentDay(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT sent_day FROM message_contents WHERE id = ?").param(id).query(LocalDate.class).optional()
                .orElse(null);
    }

    private static boolean headerHas(JdbcClient jdbc, long id, String word) {
        return jdbc.sql("SELECT header_vector @@ to_tsquery('simple', ?) FROM message_contents WHERE id = ?")
                .params(word, id).query(Boolean.class).single();
    }

    @Test
    void fillsTheDateAsWrittenAndTheHeaderWordsOfOlderContents() {
        DataSource dataSource = TestPostgres.newDatabase().dataSource();
        Flyway.configure().dataSource(dataSource).target("22").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);

        // midnight in the sender's zone is the day before in UTC, a late evening west of UTC the day after
        long eastern = content(jdbc, "Date: Sun, 25 Mar 2007 00:00:00 +0200\r\nX-Header: qwertyuiop",
                Instant.parse("2007-03-24T22:00:00Z"));
        long kiribati = content(jdbc, "Subject: x\r\nDATE : Mon, 29 Oct 2007 00:30:00 +1400 (LINT)",
                Instant.parse("2007-10-28T10:30:00Z"));
        long western = content(jdbc, "Date: Tue,\r\n 5 Mar 2024 23:00:00 -0500\r\nFrom: a@example.org",
                Instant.parse("2024-03-06T04:00:00Z"));
        long asctime = content(jdbc, "Date: Tue Mar  5 23:00:00 2024", Instant.parse("2024-03-05T23:00:00Z"));
        long twoDigitYear = content(jdbc, "Date: Tuesday, 05-Mar-24 23:00:00 -0100", Instant.parse("2024-03-06T00:00:00Z"));
        // a form the migration does not read keeps the UTC date; no parsable date, no day
        long unreadable = content(jdbc, "Date: 2024.03.05 23:00 -0500", Instant.parse("2024-03-06T04:00:00Z"));
        long undated = content(jdbc, "Date: yesterday\r\nX-Mixed: caf\u00e9 \u0000 zxcvbnm \\ backslash", null);

        Flyway.configure().dataSource(dataSource).load().migrate();

        assertThat(sentDay(jdbc, eastern)).isEqualTo(LocalDate.parse("2007-03-25"));
        assertThat(sentDay(jdbc, kiribati)).isEqualTo(LocalDate.parse("2007-10-29"));
        assertThat(sentDay(jdbc, western)).isEqualTo(LocalDate.parse("2024-03-05"));
        assertThat(sentDay(jdbc, asctime)).isEqualTo(LocalDate.parse("2024-03-05"));
        assertThat(sentDay(jdbc, twoDigitYear)).isEqualTo(LocalDate.parse("2024-03-05"));
        assertThat(sentDay(jdbc, unreadable)).isEqualTo(LocalDate.parse("2024-03-06"));
        assertThat(sentDay(jdbc, undated)).isNull();

        assertThat(headerHas(jdbc, eastern, "qwertyuiop")).isTrue();
        assertThat(headerHas(jdbc, eastern, "header")).isTrue();
        assertThat(headerHas(jdbc, western, "a@example.org")).isTrue();
        assertThat(headerHas(jdbc, undated, "zxcvbnm")).isTrue();
        assertThat(headerHas(jdbc, undated, "backslash")).isTrue();
        assertThat(headerHas(jdbc, eastern, "body")).isFalse();
    }
}
