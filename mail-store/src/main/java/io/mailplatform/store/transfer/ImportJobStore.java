package io.mailplatform.store.transfer;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Import jobs in PostgreSQL, so that their outcome and progress survive the instance that ran them:
 * the running instance saves each job (and with it a heartbeat) while it runs; a job whose heartbeat
 * stopped is marked INTERRUPTED by whichever instance looks next.
 */
@Repository
public class ImportJobStore {
    /** What an interrupted job says in its {@code failure}. */
    public static final String INTERRUPTED_BECAUSE = "the server stopped during the import; run it again";

    private final JdbcClient jdbc;

    public ImportJobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the job as it stands, with a fresh heartbeat (a job marked INTERRUPTED meanwhile comes back to life). */
    public void save(ImportJobRecord job) {
        jdbc.sql("""
                INSERT INTO import_jobs (id, account, state, total, done, failed, errors, failure, created_at, finished_at,
                                         heartbeat_at)
                VALUES (:id, :account, :state, :total, :done, :failed, :errors, :failure, :created, :finished, now())
                ON CONFLICT (id) DO UPDATE SET state = excluded.state, total = excluded.total, done = excluded.done,
                    failed = excluded.failed, errors = excluded.errors, failure = excluded.failure,
                    finished_at = excluded.finished_at, heartbeat_at = now()""")
                .param("id", job.id()).param("account", job.account()).param("state", job.state())
                .param("total", job.total()).param("done", job.done()).param("failed", job.failed())
                .param("errors", job.errors().toArray(String[]::new)).param("failure", job.failure())
                .param("created", Timestamp.from(job.created()))
                .param("finished", job.finished() == null ? null : Timestamp.from(job.finished()))
                .update();
    }

    public Optional<ImportJobRecord> find(String id) {
        return jdbc.sql("SELECT * FROM import_jobs WHERE id = :id").param("id", id).query(ImportJobStore::row).optional();
    }

    /**
     * Marks jobs that are unfinished but have had no heartbeat for {@code silence} as INTERRUPTED,
     * keeping their progress.
     *
     * @return how many were marked
     */
    public int interruptSilent(Duration silence) {
        return jdbc.sql("""
                UPDATE import_jobs SET state = 'INTERRUPTED', failure = :why, finished_at = heartbeat_at
                WHERE state IN ('QUEUED', 'RUNNING') AND heartbeat_at < now() - make_interval(secs => :seconds)""")
                .param("why", INTERRUPTED_BECAUSE).param("seconds", silence.toMillis() / 1000.0).update();
    }

    private static ImportJobRecord row(ResultSet rs, int n) throws SQLException {
        Array errors = rs.getArray("errors");
        return new ImportJobRecord(rs.getString("id"), rs.getString("account"), rs.getString("state"), rs.getLong("total"),
                rs.getLong("done"), rs.getLong("failed"), errors == null ? List.of() : Arrays.asList((String[]) errors.getArray()),
                rs.getString("failure"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
