package io.mailplatform.pop3.process;

import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.maildrop.MaildropService;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.pop3.session.Pop3Context;
import io.mailplatform.store.directory.Account;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The end of every login (PASS, APOP, AUTH): check the credentials, lock and open the maildrop, then
 * enter the TRANSACTION state or answer {@code -ERR} with [AUTH] (after the throttle's delay; later
 * commands wait meanwhile, so pipelined guesses gain nothing), [IN-USE], [LOGIN-DELAY], or
 * [SYS/TEMP] when the throttle did not admit the attempt (too many in flight, RFC 3206 §4).
 */
final class MaildropLogin {
    private final MaildropService maildrops;

    MaildropLogin(MaildropService maildrops) {
        this.maildrops = maildrops;
    }

    private record Outcome(Maildrop maildrop, StatusResponse refusal, Duration delay) {
    }

    /** Runs {@code check} (blocking) and completes the login with its result. */
    void login(Pop3Context session, Supplier<LoginAttempt<Account>> check) {
        session.runBlocking(() -> {
            LoginAttempt<Account> attempt = check.get();
            if (attempt instanceof LoginAttempt.Rejected<Account> rejected) {
                return new Outcome(null, Replies.AUTH_FAILED, rejected.replyDelay());
            }
            if (attempt instanceof LoginAttempt.Refused<Account>) {
                return new Outcome(null, Replies.LOGIN_UNAVAILABLE, Duration.ZERO);
            }
            Account account = ((LoginAttempt.Accepted<Account>) attempt).principal();
            MaildropService.Opening opening = maildrops.open(account);
            if (opening instanceof MaildropService.Refused refused) {
                return new Outcome(null, refused.response(), Duration.ZERO);
            }
            return new Outcome(((MaildropService.Opened) opening).maildrop(), null, Duration.ZERO);
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
