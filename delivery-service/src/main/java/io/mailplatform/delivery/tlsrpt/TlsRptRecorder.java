package io.mailplatform.delivery.tlsrpt;

import io.mailplatform.delivery.relay.StsApplied;
import io.mailplatform.delivery.relay.TlsSessionListener;
import io.mailplatform.delivery.relay.smtp.RemoteHost;
import io.mailplatform.store.tlsrpt.TlsRptSessions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts the relay's sessions under a policy per UTC day in PostgreSQL, for the daily reports. */
public final class TlsRptRecorder implements TlsSessionListener {
    private static final Logger log = LoggerFactory.getLogger(TlsRptRecorder.class);

    private final TlsRptSessions sessions;
    private final Clock clock;

    public TlsRptRecorder(TlsRptSessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void session(StsApplied sts, RemoteHost host, String result) {
        try {
            sessions.add(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), sts.domain(), sts.id(),
                    sts.policy().text(), result, host.name(), host.address().getAddress().getHostAddress());
        } catch (RuntimeException e) {
            // a report with a session missing is better than mail held up by the report's database
            log.warn("TLS-RPT: session with {} not counted: {}", host, e.toString());
        }
    }
}
