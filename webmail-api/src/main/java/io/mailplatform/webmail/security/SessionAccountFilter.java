package io.mailplatform.webmail.security;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session outlives its login: each request it carries looks the account up again (one
 * indexed read), so an account disabled or deleted meanwhile is logged out at once, as it could
 * no longer log in through any protocol.
 */
class SessionAccountFilter extends OncePerRequestFilter {
    private final DirectoryService directory;

    SessionAccountFilter(DirectoryService directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication != null && authentication.getPrincipal() instanceof Account account
                && !SessionSecurity.isBasic(request)) {
            boolean enabled = directory.findAccount(account.address()).map(Account::enabled).orElse(false);
            if (!enabled) {
                session.invalidate();
                SecurityContextHolder.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
