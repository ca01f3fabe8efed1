package io.mailplatform.smtp.session;

import io.mailplatform.smtp.command.SmtpCommand;

/**
 * Carries out one kind of command in a session whose state already allows it
 * ({@link SmtpStateTable}). A processor answers through the session, or throws
 * {@link io.mailplatform.smtp.reply.SmtpException}; it keeps no per-session state itself.
 */
interface CommandProcessor<C extends SmtpCommand> {
    void process(SmtpSession session, C command);
}
