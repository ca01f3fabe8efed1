package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.relay.smtp.RemoteHost;

/** Told of every session attempt with a host under an MTA-STS policy, for TLS reports (RFC 8460). */
@FunctionalInterface
public interface TlsSessionListener {
    TlsSessionListener NONE = (sts, host, result) -> {
    };

    /**
     * @param sts the policy in force
     * @param host the MX host
     * @param result {@code success} or an RFC 8460 result type
     */
    void session(StsApplied sts, RemoteHost host, String result);
}
