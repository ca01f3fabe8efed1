package io.mailplatform.webmail.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every request that did not travel protected ({@link TransportSecurity}) before any
 * credentials are looked at: 401 with a problem body saying TLS is required, without a Basic
 * challenge, which would invite the password over this very connection (the mail protocols do the
 * same: LOGINDISABLED, no AUTH before STARTTLS).
 */
class TlsRequiredFilter extends OncePerRequestFilter {
    static final String DETAIL = "TLS is required: this API accepts credentials only over HTTPS"
            + " (or from loopback, or through a trusted TLS-terminating proxy)";
    private final TransportSecurity transport;

    TlsRequiredFilter(TransportSecurity transport) {
        this.transport = transport;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (transport.isProtected(request)) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(response, HttpStatus.UNAUTHORIZED, DETAIL);
    }
}
