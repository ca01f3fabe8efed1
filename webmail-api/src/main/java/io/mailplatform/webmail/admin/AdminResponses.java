package io.mailplatform.webmail.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/** The answers the admin controllers share: 404 and 409 problems and 204 for a removal that happened. */
final class AdminResponses {
    private AdminResponses() {
    }

    /** A 404 answered as an RFC 9457 problem. */
    static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }

    /** A 409 answered as an RFC 9457 problem: the entry exists but cannot be changed now. */
    static ResponseStatusException conflict(String detail) {
        return new ResponseStatusException(HttpStatus.CONFLICT, detail);
    }

    /** 204 if something was removed, else 404 with this detail. */
    static ResponseEntity<Void> removed(boolean removed, String detailIfNot) {
        if (!removed) {
            throw notFound(detailIfNot);
        }
        return ResponseEntity.noContent().build();
    }
}
