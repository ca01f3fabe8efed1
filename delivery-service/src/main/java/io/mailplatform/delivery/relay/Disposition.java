package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.relay.smtp.RemoteHost;
import io.mailplatform.delivery.relay.smtp.SmtpReply;

/** What became of one queued recipient in one attempt. */
public sealed interface Disposition {

    /**
     * The next hop took it (RFC 5321 §6.1): it leaves the queue.
     *
     * @param dsnPassedOn whether the server took the DSN parameters, so that it reports NOTIFY=SUCCESS itself
     */
    record Delivered(RemoteHost host, SmtpReply reply, boolean dsnPassedOn) implements Disposition {
    }

    /**
     * Failed for good: it leaves the queue, the sender gets a DSN if it wants one.
     *
     * @param status the RFC 3463 status
     * @param diagnostic the remote reply, or what went wrong
     * @param remoteMta the host that said so, or null
     */
    record Failed(String status, String diagnostic, String remoteMta) implements Disposition {
    }

    /**
     * Failed for now: tried again later, or given up once it is older than the retry period.
     *
     * @param status the RFC 3463 status
     * @param diagnostic the remote reply, or what went wrong
     * @param remoteMta the host that said so, or null
     * @param lastError one line for operators: what happened and where
     */
    record Deferred(String status, String diagnostic, String remoteMta, String lastError) implements Disposition {
    }
}
