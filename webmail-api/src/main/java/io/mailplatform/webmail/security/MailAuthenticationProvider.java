package io.mailplatform.webmail.security;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.failure.StoreTimeoutException;
import io.mailplatform.store.failure.StoreUnavailableException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
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
 * (ROLE_USER, principal = {@link Account}). Failed logins are throttled as in the mail protocols,
 * per name and per client address; since an HTTP answer cannot well be held back, an attempt made
 * while the delay of the latest failure runs is refused without a password check. A login that
 * cannot be checked because the store is unavailable is a system problem, not bad credentials
 * ({@link InternalAuthenticationServiceException}, answered 503).
 */
@Component
public class MailAuthenticationProvider implements AuthenticationProvider {
    private final AdminCredentials admin;
    private final Authenticator authenticator;

    public MailAuthenticationProvider(AdminCredentials admin, Authenticator authenticator) {
        this.admin = admin;
        this.authenticator = authenticator;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        InetAddress client = clientAddress(authentication);
        Duration wait = authenticator.throttledFor(name, client);
        if (!wait.isZero()) {
            throw new LoginThrottledException(wait);
        }
        if (admin.matches(name, password)) {
            return UsernamePasswordAuthenticationToken.authenticated(name, null,
                    List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        }
        Optional<Account> account;
        try {
            account = authenticator.login(name, password, client).account();
        } catch (StoreUnavailableException | StoreTimeoutException e) {
            throw new InternalAuthenticationServiceException(e.getMessage(), e);
        }
        if (account.isEmpty()) {
            throw new BadCredentialsException("invalid credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(account.get(), null,
                List.of(new SimpleGrantedAuthority("ROLE_USER")));
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
