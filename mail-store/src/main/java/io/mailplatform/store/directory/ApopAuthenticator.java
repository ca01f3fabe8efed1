package io.mailplatform.store.directory;

import io.mailplatform.core.auth.ApopDigest;
import io.mailplatform.core.auth.LoginThrottle;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
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
     * {@code address}; the result carries the delay the session must wait before answering.
     */
    public Authenticator.LoginAttempt login(String address, String timestamp, String digest, InetAddress client) {
        Duration before = throttle.delay(address, client);
        Optional<Account> account = directory.findAccount(address).filter(Account::enabled);
        boolean valid = account.isPresent() && secrets.secret(account.get().id())
                .map(secret -> ApopDigest.matches(timestamp, secret, digest)).orElse(false);
        if (valid) {
            throttle.succeeded(address, client);
            return new Authenticator.LoginAttempt(account, before);
        }
        throttle.failed(address, client);
        Duration after = throttle.delay(address, client);
        return new Authenticator.LoginAttempt(Optional.empty(), after.compareTo(before) > 0 ? after : before);
    }
}
