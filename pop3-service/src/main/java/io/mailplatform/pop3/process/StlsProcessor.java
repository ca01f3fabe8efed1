package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;
import io.mailplatform.pop3.session.Pop3State;
import java.util.List;

/**
 * STLS (RFC 2595 §4): answers, then starts TLS. Commands the client pipelined after STLS were sent
 * in plaintext and are discarded, never run under TLS, and the session forgets a pending USER.
 */
public final class StlsProcessor implements Pop3Processor<Pop3Command.Stls>, CapabilityContributor {

    @Override
    public Class<Pop3Command.Stls> commandType() {
        return Pop3Command.Stls.class;
    }

    @Override
    public void process(Pop3Command.Stls command, Pop3Context session) throws Pop3Exception {
        if (session.tlsActive()) {
            throw new Pop3Exception(Replies.ALREADY_TLS);
        }
        if (!session.tlsAvailable()) {
            throw new Pop3Exception(Replies.TLS_UNAVAILABLE);
        }
        session.pendingUser(null);
        session.startTls(Replies.BEGIN_TLS);
    }

    @Override
    public List<String> capabilities(Pop3Context session) {
        return session.state() == Pop3State.AUTHORIZATION && !session.tlsActive() && session.tlsAvailable()
                ? List.of("STLS") : List.of();
    }
}
