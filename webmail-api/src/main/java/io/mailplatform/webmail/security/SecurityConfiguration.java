package io.mailplatform.webmail.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Stateless HTTP Basic: /api/admin/** for the administrator, the rest of /api/** for mail accounts. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof LoginThrottledException throttled) {
                long seconds = Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                problem(response, HttpStatus.TOO_MANY_REQUESTS, "Too many login attempts; try again in " + seconds + " s");
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"mail\"");
            problem(response, HttpStatus.UNAUTHORIZED, "Valid credentials are required");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                "These credentials do not allow this operation");
        // the provider bean is the global AuthenticationManager's; adding it here as well made every
        // failed login run twice (the local manager falls back to the global one)
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/**").hasRole("USER")
                        .anyRequest().denyAll());
        return http.build();
    }

    /** RFC 9457 problem body, written by hand because security errors happen before MVC. */
    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
