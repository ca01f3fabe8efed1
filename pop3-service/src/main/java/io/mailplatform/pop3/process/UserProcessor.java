package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;
import io.mailplatform.pop3.session.Pop3State;
import java.util.List;

/** USER name (RFC 1939 §7): remembers the name for the PASS that must follow. Needs TLS unless allowed. */
public final class UserProcessor implements Pop3Processor<Pop3Command.User>, CapabilityContributor {

    @Override
    public Class<Pop3Command.User> commandType() {
        return Pop3Command.User.class;
    }

    @Override
    public void process(Pop3Command.User command, Pop3Context session) throws Pop3Exception {
        if (!session.plaintextAuthAllowed()) {
            throw new Pop3Exception(Replies.PLAINTEXT_DISALLOWED);
        }
        session.pendingUser(command.name());
        session.reply(Replies.SEND_PASS);
    }

    /** RFC 2449 §6.2; hidden until STLS (RFC 2595 §4) unless plaintext logins are allowed. */
    @Override
    public List<String> capabilities(Pop3Context session) {
        return session.state() == Pop3State.AUTHORIZATION && session.plaintextAuthAllowed() ? List.of("USER") : List.of();
    }
}
