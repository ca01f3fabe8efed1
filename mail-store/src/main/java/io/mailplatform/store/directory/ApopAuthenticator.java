package io.mailplatform.store.directory;

import io.mailplatform.core.auth.ApopDigest;
import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.core.auth.LoginThrottle;
import java.net.InetAddress;
import org.springframework.stereotype.Service;

/**
 * Checks an APOP login (RFC 1939 §7) against the account's APOP secret, with the same failed-login
 * throttle as password logins. An account without an APOP secret cannot log in with APOP; the
 * answer is the same as for a wrong digest, so APOP does not reveal which accounts exist.
 */
@Service
public class ApopAuthenticator {
    private final DirectoryService directory;
    private final ApopSecrets secrets;
    private final LoginThrottle throttle;

    public ApopAuthenticator(DirectoryService directory, ApopSecrets secrets, LoginThrottle throttle) {
        this.directory = directory;
        this.secrets = secrets;
        this.throttle = throttle;
    }

    /**
     * Checks {@code digest} against the MD5 of the greeting's {@code timestamp} and the secret of
     * {@code address}, through the login throttle like a password login.
     */
    public LoginAttempt<Account> login(String address, String timestamp, String digest, InetAddress client) {
        return throttle.attempt(address, client, LoginThrottle.Pacing.HOLD_ANSWER, () -> directory.findAccount(address)
                .filter(Account::enabled)
                .filter(account -> secrets.secret(account.id())
                        .map(secret -> ApopDigest.matches(timestamp, secret, digest)).orElse(false)));
    }
}
