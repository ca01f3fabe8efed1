package io.mailplatform.webmail.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Stateless HTTP Basic: /api/admin/** for the administrator, the rest of /api/** for mail accounts;
 * requests that did not travel protected are refused before their credentials are read. The
 * actuator (on its own port, {@code management.server.port}) is open: probes carry no credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

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

    @Bean
    @Order(2)
    public SecurityFilterChain apiSecurity(HttpSecurity http, TransportSecurity transport) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof InternalAuthenticationServiceException) {
                Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "The mail store is unavailable, try again later");
                return;
            }
            if (e instanceof LoginThrottledException throttled) {
                long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many login attempts; try again in " + seconds + " s");
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"mail\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "Valid credentials are required");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(response, HttpStatus.FORBIDDEN,
                "These credentials do not allow this operation");
        // the provider bean is the global AuthenticationManager's; adding it here as well made every
        // failed login run twice (the local manager falls back to the global one)
        http.csrf(csrf -> csrf.disable())
                .addFilterBefore(new TlsRequiredFilter(transport), BasicAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").hasRole("USER")
                        .anyRequest().denyAll());
        return http.build();
    }
}
