-- Operators' import jobs (webmail-api, /api/admin/import-jobs): their progress outlives the instance
-- that ran them. The instance saves a job about once a second while it runs (heartbeat_at); a job
-- left QUEUED or RUNNING without a heartbeat for a while was cut off by a stop or a crash and is
-- reported INTERRUPTED with the progress it had (it is not resumed: run the import again, messages
-- already imported are imported twice unless the target mailbox is emptied first).
CREATE TABLE import_jobs (
    id           text PRIMARY KEY,
    account      text NOT NULL,
    state        text NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'INTERRUPTED')),
    total        bigint NOT NULL DEFAULT -1,
    done         bigint NOT NULL DEFAULT 0,
    failed       bigint NOT NULL DEFAULT 0,
    errors       text[] NOT NULL DEFAULT '{}',
    failure      text,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_jobs_unfinished ON import_jobs (heartbeat_at) WHERE state IN ('QUEUED', 'RUNNING');
