package io.mailplatform.webmail.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a JSON request body larger than {@code mail.webmail.limits.max-request-body} with 413
 * before it is read; a body without a declared length (chunked) is refused too (411 would be
 * the alternative; every JSON client declares the length of what it sends).
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;

    RequestBodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        boolean json = type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
        long length = request.getContentLengthLong();
        if (json && (length > maxBytes || (length < 0 && request.getHeader("Transfer-Encoding") != null))) {
            Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "A JSON request body may have at most " + maxBytes
                    + " octets, with its length declared");
            return;
        }
        chain.doFilter(request, response);
    }
}
