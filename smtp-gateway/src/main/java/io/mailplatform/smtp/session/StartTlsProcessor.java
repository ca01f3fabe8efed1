package io.mailplatform.smtp.session;

import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.ehlo.EhloExtension;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import java.util.List;

/** STARTTLS (RFC 3207): offered and accepted only while the connection is in plaintext. */
final class StartTlsProcessor implements CommandProcessor<SmtpCommand.StartTls>, EhloExtension {

    @Override
    public List<String> keywords(EhloContext context) {
        return context.tls() ? List.of() : List.of("STARTTLS");
    }

    @Override
    public void process(SmtpSession session, SmtpCommand.StartTls command) {
        if (session.tls()) {
            throw new SmtpException(Replies.TLS_ACTIVE);
        }
        session.startTls();
    }
}
