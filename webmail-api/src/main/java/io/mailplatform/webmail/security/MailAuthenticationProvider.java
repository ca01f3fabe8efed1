package io.mailplatform.webmail.security;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic logins: the administrator (ROLE_ADMIN) or a mail account by its full address
 * (ROLE_USER, principal = {@link Account}).
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
        if (admin.matches(name, password)) {
            return UsernamePasswordAuthenticationToken.authenticated(name, null,
                    List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        }
        Optional<Account> account = authenticator.authenticate(name, password);
        if (account.isEmpty()) {
            throw new BadCredentialsException("invalid credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(account.get(), null,
                List.of(new SimpleGrantedAuthority("ROLE_USER")));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
