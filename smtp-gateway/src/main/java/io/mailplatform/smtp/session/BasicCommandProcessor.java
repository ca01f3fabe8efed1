package io.mailplatform.smtp.session;

import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.List;

/** RSET, NOOP, QUIT, VRFY, EXPN and HELP (RFC 5321 §4.1.1.5 to §4.1.1.10): legal in every command state. */
final class BasicCommandProcessor implements CommandProcessor<SmtpCommand> {
    private static final SmtpReply HELP = new SmtpReply(214, Replies.OK.status(), List.of(
            "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH",
            "See RFC 5321"));

    @Override
    public void process(SmtpSession session, SmtpCommand command) {
        if (command instanceof SmtpCommand.Rset) {
            session.resetTransaction();
            session.reply(Replies.RESET);
        } else if (command instanceof SmtpCommand.Noop) {
            session.reply(Replies.OK);
        } else if (command instanceof SmtpCommand.Quit) {
            session.replyAndClose(Replies.CLOSING.withText(session.properties().hostname() + " closing connection"));
        } else if (command instanceof SmtpCommand.Vrfy) {
            session.reply(Replies.CANNOT_VRFY); // §7.3: never confirms whether an account exists
        } else if (command instanceof SmtpCommand.Expn) {
            session.reply(Replies.NOT_IMPLEMENTED.withText("EXPN not available")); // §7.3: lists are not disclosed
        } else {
            session.reply(HELP);
        }
    }
}
