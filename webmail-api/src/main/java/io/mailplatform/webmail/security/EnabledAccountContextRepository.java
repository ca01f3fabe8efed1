package io.mailplatform.webmail.security;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The browser sessions' logins, kept in the servlet session ({@link HttpSessionSecurityContextRepository}).
 * A session outlives its login: each request it carries looks the account up again (one indexed
 * read), so an account disabled or deleted meanwhile is logged out at once, as it could no longer
 * log in through any protocol.
 */
final class EnabledAccountContextRepository implements SecurityContextRepository {
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final DirectoryService directory;

    EnabledAccountContextRepository(DirectoryService directory) {
        this.directory = directory;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        DeferredSecurityContext stored = sessions.loadDeferredContext(request);
        return new DeferredSecurityContext() {
            private SecurityContext checked;

            @Override
            public SecurityContext get() {
                if (checked == null) {
                    checked = check(stored.get(), request);
                }
                return checked;
            }

            @Override
            public boolean isGenerated() {
                // a session whose account is no longer enabled counts as no session
                return stored.isGenerated() || get().getAuthentication() == null;
            }
        };
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return check(sessions.loadContext(holder), holder.getRequest());
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        sessions.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.containsContext(request);
    }

    private SecurityContext check(SecurityContext context, HttpServletRequest request) {
        Authentication authentication = context.getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Account account
                && !directory.findAccount(account.address()).map(Account::enabled).orElse(false)) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return SecurityContextHolder.createEmptyContext();
        }
        return context;
    }
}
