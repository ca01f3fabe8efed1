package io.mailplatform.pop3.process;

import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.maildrop.MaildropService;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.pop3.session.Pop3Context;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The end of every login (PASS, APOP, AUTH): check the credentials, lock and open the maildrop,
 * wait the throttle's reply delay, then enter the TRANSACTION state or answer {@code -ERR} with
 * [AUTH], [IN-USE] or [LOGIN-DELAY]. Later commands wait meanwhile, so pipelined guesses gain nothing.
 */
final class MaildropLogin {
    private final MaildropService maildrops;

    MaildropLogin(MaildropService maildrops) {
        this.maildrops = maildrops;
    }

    private record Outcome(Maildrop maildrop, StatusResponse refusal, Duration delay) {
    }

    /** Runs {@code check} (blocking) and completes the login with its result. */
    void login(Pop3Context session, Supplier<Authenticator.LoginAttempt> check) {
        session.runBlocking(() -> {
            Authenticator.LoginAttempt attempt = check.get();
            if (attempt.account().isEmpty()) {
                return new Outcome(null, Replies.AUTH_FAILED, attempt.replyDelay());
            }
            MaildropService.Opening opening = maildrops.open(attempt.account().get());
            if (opening instanceof MaildropService.Refused refused) {
                return new Outcome(null, refused.response(), attempt.replyDelay());
            }
            return new Outcome(((MaildropService.Opened) opening).maildrop(), null, attempt.replyDelay());
        }, outcome -> session.answerAfter(outcome.delay(), () -> {
            if (outcome.maildrop() == null) {
                session.reply(outcome.refusal());
                return;
            }
            Maildrop maildrop = outcome.maildrop();
            if (session.openTransaction(maildrop)) {
                Account account = maildrop.account();
                session.reply(Replies.maildrop(account.address(), maildrop.count(), maildrop.octets()));
            }
        }));
    }
}
