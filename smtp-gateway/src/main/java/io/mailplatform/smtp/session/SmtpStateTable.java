package io.mailplatform.smtp.session;

import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which command is legal in which state, and the refusal otherwise: the whole sequencing of RFC
 * 5321 §4.1.4 (and RFC 3030 §2, RFC 3207 §4, RFC 4954 §4) in one table. The session consults it
 * before any processor runs; transitions are made by the processors.
 */
public final class SmtpStateTable {
    private static final Map<Class<? extends SmtpCommand>, EnumMap<SmtpState, SmtpReply>> REFUSALS = Map.ofEntries(
            // EHLO/HELO, RSET, NOOP, QUIT, VRFY, EXPN and HELP are legal in every command state
            Map.entry(SmtpCommand.MailFrom.class, refuse(
                    SmtpState.CONNECTED, Replies.HELLO_FIRST,
                    SmtpState.MAIL, Replies.NESTED_MAIL, SmtpState.RCPT, Replies.NESTED_MAIL,
                    SmtpState.BDAT, Replies.NESTED_MAIL)),
            Map.entry(SmtpCommand.RcptTo.class, refuse(
                    SmtpState.CONNECTED, Replies.MAIL_FIRST, SmtpState.GREETED, Replies.MAIL_FIRST,
                    SmtpState.BDAT, Replies.BAD_SEQUENCE)),
            // RFC 5321 §3.3: DATA without an accepted recipient may get 554 "no valid recipients"
            Map.entry(SmtpCommand.Data.class, refuse(
                    SmtpState.CONNECTED, Replies.MAIL_FIRST, SmtpState.GREETED, Replies.MAIL_FIRST,
                    SmtpState.MAIL, Replies.NO_VALID_RECIPIENTS, SmtpState.BDAT, Replies.BDAT_IN_PROGRESS)),
            Map.entry(SmtpCommand.Bdat.class, refuse(
                    SmtpState.CONNECTED, Replies.MAIL_FIRST, SmtpState.GREETED, Replies.MAIL_FIRST,
                    SmtpState.MAIL, Replies.NO_VALID_RECIPIENTS)),
            Map.entry(SmtpCommand.StartTls.class, refuse(
                    SmtpState.CONNECTED, Replies.HELLO_FIRST,
                    SmtpState.MAIL, Replies.TRANSACTION_IN_PROGRESS, SmtpState.RCPT, Replies.TRANSACTION_IN_PROGRESS,
                    SmtpState.BDAT, Replies.TRANSACTION_IN_PROGRESS)),
            Map.entry(SmtpCommand.Auth.class, refuse(
                    SmtpState.CONNECTED, Replies.HELLO_FIRST,
                    SmtpState.MAIL, Replies.TRANSACTION_IN_PROGRESS, SmtpState.RCPT, Replies.TRANSACTION_IN_PROGRESS,
                    SmtpState.BDAT, Replies.TRANSACTION_IN_PROGRESS)));

    private SmtpStateTable() {
    }

    /** The refusal of {@code command} in {@code state}, or null when it is legal. */
    public static SmtpReply refusal(SmtpState state, SmtpCommand command) {
        if (state == SmtpState.DATA || state == SmtpState.AUTH) {
            return Replies.BAD_SEQUENCE; // not command states: the session never parses commands there
        }
        EnumMap<SmtpState, SmtpReply> refusals = REFUSALS.get(command.getClass());
        return refusals == null ? null : refusals.get(state);
    }

    private static EnumMap<SmtpState, SmtpReply> refuse(Object... stateThenReply) {
        EnumMap<SmtpState, SmtpReply> map = new EnumMap<>(SmtpState.class);
        for (int i = 0; i < stateThenReply.length; i += 2) {
            map.put((SmtpState) stateThenReply[i], (SmtpReply) stateThenReply[i + 1]);
        }
        return map;
    }
}
