package io.mailplatform.webmail.security;

import io.mailplatform.store.directory.Account;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser login: {@code POST /api/session} checks the address and password through the same
 * provider (and login throttle) as HTTP Basic and keeps the account in a new servlet session;
 * {@code GET} says who is logged in and gives the CSRF token; {@code DELETE} logs out. Only mail
 * accounts log in here; the administrator uses HTTP Basic.
 */
@RestController
@RequestMapping(AuthenticationProblems.SESSION_PATH)
public class SessionController {
    private final MailAuthenticationProvider provider;
    private final SecurityContextRepository contexts;
    private final CookieCsrfTokenRepository csrfTokens;
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    public SessionController(MailAuthenticationProvider provider, SecurityContextRepository contexts,
            CookieCsrfTokenRepository csrfTokens) {
        this.provider = provider;
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
    }

    /** @param address the account's address (its login name) */
    public record Login(String address, String password) {
    }

    /**
     * @param address the logged-in account
     * @param csrfToken the value to send in {@code csrfHeader} with every unsafe request (also in the XSRF-TOKEN cookie)
     */
    public record SessionView(String address, String csrfToken, String csrfHeader) {
    }

    @PostMapping
    public ResponseEntity<SessionView> login(@RequestBody Login login, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (login.address() == null || login.address().isBlank() || login.password() == null) {
            throw new IllegalArgumentException("address and password are required");
        }
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                login.address(), login.password());
        attempt.setDetails(details.buildDetails(request));
        Authentication authentication;
        try {
            authentication = provider.authenticate(attempt);
            if (!(authentication.getPrincipal() instanceof Account)) {
                throw new BadCredentialsException("only mail accounts log in here");
            }
        } catch (AuthenticationException e) {
            AuthenticationProblems.write(response, e, false);
            return null;
        }
        // a new session id at login: a session id planted before cannot be ridden (session fixation)
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        // and a new CSRF token, so a token learnt before the login is worthless
        CsrfToken token = csrfTokens.generateToken(request);
        csrfTokens.saveToken(token, request, response);
        return ResponseEntity.ok(view((Account) authentication.getPrincipal(), token));
    }

    @GetMapping
    public SessionView whoAmI(@AuthenticationPrincipal Account account, CsrfToken token) {
        return view(account, token);
    }

    @DeleteMapping
    public ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        csrfTokens.saveToken(null, request, response);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private static SessionView view(Account account, CsrfToken token) {
        return new SessionView(account.address(), token.getToken(), token.getHeaderName());
    }
}
