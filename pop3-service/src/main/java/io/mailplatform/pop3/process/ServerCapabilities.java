package io.mailplatform.pop3.process;

import io.mailplatform.pop3.session.Pop3Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Capabilities of the server as a whole rather than of one command (RFC 2449 §6, RFC 3206 §6). */
final class ServerCapabilities implements CapabilityContributor {
    private final Duration loginDelay;

    ServerCapabilities(Duration loginDelay) {
        this.loginDelay = loginDelay;
    }

    @Override
    public List<String> capabilities(Pop3Context session) {
        List<String> lines = new ArrayList<>(List.of(
                "RESP-CODES",      // RFC 2449 §6.4: [IN-USE], [LOGIN-DELAY]
                "AUTH-RESP-CODE",  // RFC 3206 §6: [AUTH], [SYS/TEMP], [SYS/PERM]
                "PIPELINING",      // RFC 2449 §6.6: commands may be sent without waiting; answers keep their order
                "EXPIRE NEVER"));  // RFC 2449 §6.7: the server never removes messages by itself
        if (!loginDelay.isZero()) {
            lines.add("LOGIN-DELAY " + loginDelay.toSeconds()); // RFC 2449 §6.5
        }
        lines.add("IMPLEMENTATION mailplatform");
        return lines;
    }
}
