package io.mailplatform.webmail.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The web page ({@code /}, its scripts and its style sheet under {@code /app/}): readable without a
 * login, since it holds no data (everything comes through the authenticated API), and served with
 * a strict Content-Security-Policy: only this site's own scripts, styles, images and connections, no
 * inline code, no plugins, never framed. Like the API, it is served only over a protected transport,
 * so nobody on the path can change the page that will ask for the password.
 */
@Configuration(proxyBeanMethods = false)
public class PageSecurity {
    static final String[] PAGE_PATHS = {"/", "/index.html", "/app/**"};
    /** Everything from this origin only; frames only the API's message view, which sets its own policy. */
    public static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Bean
    @Order(2)
    public SecurityFilterChain pageFilterChain(HttpSecurity http, TransportSecurity transport) throws Exception {
        http.securityMatcher(PAGE_PATHS)
                .addFilterBefore(new TlsRequiredFilter(transport), SecurityContextHolderFilter.class)
                // no state is changed here and no session is read or made: the API does that
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, PAGE_PATHS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PAGE_PATHS).permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }
}
