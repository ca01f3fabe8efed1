package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;
import io.mailplatform.store.directory.Authenticator;
import java.net.InetAddress;

/** PASS string (RFC 1939 §7): only right after USER; checks the password and opens the maildrop. */
public final class PassProcessor implements Pop3Processor<Pop3Command.Pass> {
    private final Authenticator authenticator;
    private final MaildropLogin login;

    PassProcessor(Authenticator authenticator, MaildropLogin login) {
        this.authenticator = authenticator;
        this.login = login;
    }

    @Override
    public Class<Pop3Command.Pass> commandType() {
        return Pop3Command.Pass.class;
    }

    @Override
    public void process(Pop3Command.Pass command, Pop3Context session) throws Pop3Exception {
        String user = session.pendingUser();
        session.pendingUser(null);
        if (user == null) {
            throw new Pop3Exception(Replies.PASS_WITHOUT_USER);
        }
        InetAddress client = session.clientAddress();
        login.login(session, () -> authenticator.login(user, command.password(), client));
    }
}
