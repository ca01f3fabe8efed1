package io.mailplatform.webmail.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A failed or missing login as an RFC 9457 problem: 503 when the store could not check it, 429 with
 * Retry-After when the login throttle refused it unchecked, else 401. The HTTP Basic challenge is
 * sent except where it would make a browser open its own password dialog over the web page: to
 * the browser login ({@code /api/session}), to the page's own requests ({@code X-Requested-With:
 * XMLHttpRequest}, as Spring Security's Basic entry point does too) and to event streams.
 */
final class AuthenticationProblems implements AuthenticationEntryPoint {
    static final String SESSION_PATH = "/api/session";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, e, !SESSION_PATH.equals(request.getRequestURI()) && !fromPage(request));
    }

    private static boolean fromPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"))
                || accept != null && accept.contains("text/event-stream");
    }

    static void write(HttpServletResponse response, AuthenticationException e, boolean basicChallenge) throws IOException {
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
        if (basicChallenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"mail\"");
        }
        Problems.write(response, HttpStatus.UNAUTHORIZED, "Valid credentials are required");
    }
}
