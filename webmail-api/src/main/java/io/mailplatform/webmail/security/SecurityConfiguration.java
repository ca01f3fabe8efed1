package io.mailplatform.webmail.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import io.mailplatform.webmail.config.ApiDocumentation;
import io.mailplatform.webmail.mtasts.MtaStsPolicyController;
import io.mailplatform.webmail.config.WebmailProperties;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * HTTP Basic for scripts, and for browsers a login that keeps the account in a session
 * ({@code /api/session}, {@link SessionSecurity}): /api/admin/** for the administrator (Basic only),
 * the rest of /api/** for mail accounts. Unsafe requests authenticated by the session cookie need
 * the CSRF token; Basic requests do not. Requests that did not travel protected are refused before
 * their credentials are read. The
 * actuator (on its own port, {@code management.server.port}) is open: probes carry no credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {
    static final String CSRF_REFUSED = "The CSRF token is missing or wrong: send the XSRF-TOKEN cookie's value in the"
            + " X-XSRF-TOKEN header";

    /** The actuator's endpoints: only health is exposed, and its port is published to no one. */
    @Bean
    @Order(1)
    public SecurityFilterChain managementSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /** After the web page's chain ({@link PageSecurity}): this one takes every other request. */
    @Bean
    @Order(3)
    public SecurityFilterChain apiSecurity(HttpSecurity http, TransportSecurity transport,
            SecurityContextRepository contexts, CookieCsrfTokenRepository csrfTokens, WebmailProperties webmail) throws Exception {
        AuthenticationEntryPoint unauthorized = new AuthenticationProblems();
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(response, HttpStatus.FORBIDDEN,
                e instanceof CsrfException ? CSRF_REFUSED : "These credentials do not allow this operation");
        // the provider bean is the global AuthenticationManager's; adding it here as well made every
        // failed login run twice (the local manager falls back to the global one)
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // the raw token, as the cookie holds it: a page sends back what it read
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        // only a session can be ridden: scripts with HTTP Basic and requests without a
                        // session (the login itself, anonymous ones, answered 401) need no token
                        .ignoringRequestMatchers(SessionSecurity::isBasic, request -> request.getSession(false) == null))
                .addFilterBefore(new TlsRequiredFilter(transport), SecurityContextHolderFilter.class)
                .addFilterAfter(new RequestBodyLimitFilter(webmail.limits().maxRequestBody().toBytes()),
                        BasicAuthenticationFilter.class)
                .securityContext(context -> context.securityContextRepository(contexts))
                // never framed, but for the message view the web page frames, which says so itself (SAMEORIGIN)
                .headers(headers -> headers.frameOptions(frames -> frames.disable())
                        .addHeaderWriter(new StaticHeadersWriter("X-Frame-Options", "DENY")))
                // sessions only from the browser login (SessionController); Basic never makes one
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, AuthenticationProblems.SESSION_PATH).permitAll()
                        .requestMatchers(HttpMethod.DELETE, AuthenticationProblems.SESSION_PATH).permitAll()
                        .requestMatchers(HttpMethod.GET, ApiDocumentation.PATHS).permitAll()
                        .requestMatchers(HttpMethod.GET, MtaStsPolicyController.PATH).permitAll()
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").hasRole("USER")
                        .anyRequest().denyAll());
        return http.build();
    }
}
