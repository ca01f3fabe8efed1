package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.maildrop.MaildropService;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;
import io.mailplatform.pop3.session.Pop3State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QUIT (RFC 1939 §5, §6): in AUTHORIZATION it just ends the session; in TRANSACTION it enters the
 * UPDATE state, where the messages marked deleted are removed, then ends the session either way.
 */
public final class QuitProcessor implements Pop3Processor<Pop3Command.Quit> {
    private static final Logger log = LoggerFactory.getLogger(QuitProcessor.class);

    private final MaildropService maildrops;
    private final String hostname;

    QuitProcessor(MaildropService maildrops, String hostname) {
        this.maildrops = maildrops;
        this.hostname = hostname;
    }

    @Override
    public Class<Pop3Command.Quit> commandType() {
        return Pop3Command.Quit.class;
    }

    @Override
    public void process(Pop3Command.Quit command, Pop3Context session) {
        if (session.state() != Pop3State.TRANSACTION) {
            session.close(Replies.signingOff(hostname));
            return;
        }
        Maildrop maildrop = session.maildrop();
        session.enterUpdate();
        session.runBlocking(() -> {
            try {
                return maildrops.update(maildrop);
            } catch (RuntimeException e) {
                log.error("UPDATE state failed for {}", maildrop.account().address(), e);
                return new MaildropService.Update(false, maildrop.count());
            }
        }, update -> session.close(update.done() ? Replies.signingOff(hostname, update.remaining()) : Replies.NOT_REMOVED));
    }
}
