package io.mailplatform.smtp.reply;

/**
 * A command failed with a protocol reply: thrown by the parsers, policies and processors and
 * answered in one place, the session's dispatch ({@code SmtpSession}). Whether the failure is
 * transient or permanent follows from the reply code.
 */
public class SmtpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SmtpReply reply;

    public SmtpException(SmtpReply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    /** For {@code Optional<SmtpReply>} policy results: {@code check(..).ifPresent(SmtpException::throwFor)}. */
    public static void throwFor(SmtpReply reply) {
        throw new SmtpException(reply);
    }

    public SmtpReply reply() {
        return reply;
    }
}
