package io.mailplatform.smtp.session;

import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.ehlo.EhloExtension;
import io.mailplatform.smtp.ehlo.EhloReply;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.List;

/** EHLO and HELO (RFC 5321 §4.1.1.1): both reset any transaction (§4.1.4); EHLO lists the extensions. */
final class HelloProcessor implements CommandProcessor<SmtpCommand> {
    private final List<EhloExtension> extensions;

    HelloProcessor(List<EhloExtension> extensions) {
        this.extensions = extensions;
    }

    @Override
    public void process(SmtpSession session, SmtpCommand command) {
        String hostname = session.properties().hostname();
        if (command instanceof SmtpCommand.Ehlo) {
            String name = ((SmtpCommand.Ehlo) command).domain();
            session.greeted(name, true);
            session.state(SmtpState.GREETED);
            boolean tls = session.tls();
            EhloExtension.EhloContext context = new EhloExtension.EhloContext(tls, session.authenticatedUser() != null,
                    tls || session.properties().allowPlaintextAuth(), session.listener().requiresAuth());
            session.reply(EhloReply.render(hostname, name, extensions, context));
        } else {
            session.greeted(((SmtpCommand.Helo) command).domain(), false);
            session.state(SmtpState.GREETED);
            session.reply(SmtpReply.of(250, null, hostname));
        }
    }
}
