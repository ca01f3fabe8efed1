package io.mailplatform.webmail.security;

import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.failure.StoreTimeoutException;
import io.mailplatform.store.failure.StoreUnavailableException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic logins: the administrator (ROLE_ADMIN) or a mail account by its full address
 * (ROLE_USER, principal = {@link Account}), both through the login throttle of the mail protocols,
 * per account and per client network. An HTTP answer is not held back: an attempt from a network
 * whose delay runs, or beyond the in-flight caps, is refused unchecked (429 with Retry-After), and
 * each attempt is counted when admitted, so parallel requests cannot all pass before the first
 * failure is counted. A login that cannot be checked because the store is unavailable is a system
 * problem, not bad credentials ({@link InternalAuthenticationServiceException}, answered 503).
 */
@Component
public class MailAuthenticationProvider implements AuthenticationProvider {
    private final AdminCredentials admin;
    private final Authenticator authenticator;
    private final LoginThrottle throttle;

    public MailAuthenticationProvider(AdminCredentials admin, Authenticator authenticator, LoginThrottle throttle) {
        this.admin = admin;
        this.authenticator = authenticator;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        InetAddress client = clientAddress(authentication);
        LoginThrottle.Pacing pacing = LoginThrottle.Pacing.REFUSE_WHILE_WAITING;
        // the administrator's name goes through the same throttle; a wrong password costs a hash like any other
        LoginAttempt<?> attempt;
        try {
            attempt = admin.isAdministrator(name)
                    ? throttle.attempt(name, client, pacing, () -> admin.matches(name, password)
                            ? Optional.<Object>of(name) : authenticator.authenticate(name, password).map(Object.class::cast))
                    : authenticator.login(name, password, client, pacing);
        } catch (StoreUnavailableException | StoreTimeoutException e) {
            throw new InternalAuthenticationServiceException(e.getMessage(), e);
        }
        if (attempt instanceof LoginAttempt.Refused<?> refused) {
            throw new LoginThrottledException(refused.retryAfter());
        }
        Object principal = attempt.accepted().orElseThrow(() -> new BadCredentialsException("invalid credentials"));
        String role = principal instanceof Account ? "ROLE_USER" : "ROLE_ADMIN";
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of(new SimpleGrantedAuthority(role)));
    }

    private static InetAddress clientAddress(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            try {
                // a literal address: no name lookup
                return InetAddress.getByName(details.getRemoteAddress());
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
