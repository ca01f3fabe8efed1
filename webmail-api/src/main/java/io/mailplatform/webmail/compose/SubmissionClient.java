package io.mailplatform.webmail.compose;

import io.mailplatform.core.envelope.Envelope;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a webmail submission came from, for the envelope and the {@code Received} field as the gateway
 * records an SMTP client's.
 *
 * @param address the HTTP client's IP address (after a trusted proxy's forwarding headers)
 * @param tls the TLS protocol and cipher of the request, or null when it came over plain HTTP
 */
public record SubmissionClient(String address, Envelope.TlsInfo tls) {

    public static SubmissionClient of(HttpServletRequest request) {
        Object cipher = request.getAttribute("jakarta.servlet.request.cipher_suite");
        Object protocol = request.getAttribute("org.apache.tomcat.util.net.secure_protocol_version");
        Envelope.TlsInfo tls = cipher == null ? null
                : new Envelope.TlsInfo(protocol == null ? "TLS" : protocol.toString(), cipher.toString());
        return new SubmissionClient(request.getRemoteAddr(), tls);
    }

    /** The {@code with} of the Received field: HTTP or HTTPS, "A" as it was authenticated (after RFC 3848's ESMTPSA). */
    public String protocol() {
        return (tls == null ? "HTTP" : "HTTPS") + "A";
    }
}
