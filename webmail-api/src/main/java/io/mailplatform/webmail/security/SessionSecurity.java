package io.mailplatform.webmail.security;

import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.webmail.config.WebmailProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * The browser login's parts: where an authenticated session is kept (the servlet session, whose
 * cookie is HttpOnly, Secure over HTTPS and SameSite), and the CSRF token a page reads from the
 * {@code XSRF-TOKEN} cookie (not HttpOnly, so its script can) and sends back in
 * {@code X-XSRF-TOKEN} with every unsafe request (double-submit: another site can neither read the
 * cookie nor set the header).
 */
@Configuration(proxyBeanMethods = false)
public class SessionSecurity {
    static final String SESSION_COOKIE = "JSESSIONID";

    @Bean
    SecurityContextRepository securityContextRepository(DirectoryService directory) {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new EnabledAccountContextRepository(directory));
    }

    @Bean
    CookieCsrfTokenRepository csrfTokenRepository(WebmailProperties properties) {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookiePath("/");
        // Secure follows the request (HTTPS, or a trusted proxy's X-Forwarded-Proto)
        repository.setCookieCustomizer(cookie -> cookie.sameSite(properties.session().sameSite()));
        return repository;
    }

    /** The servlet container's session cookie gets the same SameSite attribute. */
    @Bean
    CookieSameSiteSupplier sessionCookieSameSite(WebmailProperties properties) {
        CookieSameSiteSupplier supplier = properties.session().sameSite().equalsIgnoreCase("Lax")
                ? CookieSameSiteSupplier.ofLax() : CookieSameSiteSupplier.ofStrict();
        return supplier.whenHasName(SESSION_COOKIE);
    }

    /** A request that carries HTTP Basic credentials: a script, which needs no CSRF token. */
    static boolean isBasic(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
