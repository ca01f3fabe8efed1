package io.mailplatform.delivery.tlsrpt;

import io.mailplatform.delivery.dane.DaneHost;
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

    /** The policy id of a DANE session: MTA-STS ids are letters and digits only (RFC 8461 §3.1), so never this. */
    public static final String TLSA_PREFIX = "tlsa:";

    @Override
    public void session(StsApplied sts, RemoteHost host, String result) {
        add(sts.domain(), sts.id(), sts.policy().text(), host, result);
    }

    /** Counted under the policy id {@code tlsa:<mx host>}, the records one per line, as a report names them. */
    @Override
    public void daneSession(String domain, DaneHost dane, RemoteHost host, String result) {
        add(domain, TLSA_PREFIX + dane.host(), String.join("\r\n", dane.policyStrings()), host, result);
    }

    private void add(String domain, String policyId, String policy, RemoteHost host, String result) {
        try {
            sessions.add(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), domain, policyId, policy, result,
                    host.name(), host.address().getAddress().getHostAddress());
        } catch (RuntimeException e) {
            // a report with a session missing is better than mail held up by the report's database
            log.warn("TLS-RPT: session with {} not counted: {}", host, e.toString());
        }
    }
}
