package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.session.Pop3Context;
import io.mailplatform.store.directory.ApopAuthenticator;
import java.net.InetAddress;

/**
 * APOP name digest (RFC 1939 §7): the digest of this session's greeting timestamp and the account's
 * APOP secret. The secret never crosses the wire, so APOP is allowed without TLS; accounts without
 * an APOP secret are refused like a wrong digest.
 */
public final class ApopProcessor implements Pop3Processor<Pop3Command.Apop> {
    private final ApopAuthenticator apop;
    private final MaildropLogin login;

    ApopProcessor(ApopAuthenticator apop, MaildropLogin login) {
        this.apop = apop;
        this.login = login;
    }

    @Override
    public Class<Pop3Command.Apop> commandType() {
        return Pop3Command.Apop.class;
    }

    @Override
    public void process(Pop3Command.Apop command, Pop3Context session) {
        String timestamp = session.apopTimestamp();
        InetAddress client = session.clientAddress();
        login.login(session, () -> apop.login(command.name(), timestamp, command.digest(), client));
    }
}
