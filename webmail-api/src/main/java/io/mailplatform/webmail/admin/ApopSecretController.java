package io.mailplatform.webmail.admin;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.store.directory.ApopSecrets;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's APOP secret (RFC 1939 §7), for operators: APOP needs a secret the server can read,
 * so it is set here, separately from the login password, and stored encrypted. Without one, POP3
 * refuses APOP for the account.
 */
@RestController
@RequestMapping("/api/admin/accounts/{address}/apop-secret")
public class ApopSecretController {
    private final ApopSecrets secrets;

    public ApopSecretController(ApopSecrets secrets) {
        this.secrets = secrets;
    }

    /** The new secret: 8 to 256 characters, no control characters. */
    public record ApopSecretRequest(@NotNull String secret) {
        @Override
        public String toString() {
            return "ApopSecretRequest[***]";
        }
    }

    /** Sets or replaces the secret: 204, 404 for an unknown account, 400 for an unacceptable secret. */
    @PutMapping
    public ResponseEntity<Void> set(@PathVariable String address, @Valid @RequestBody ApopSecretRequest request)
            throws AddressException {
        if (!secrets.set(MailboxAddress.parse(address).normalized(), request.secret())) {
            throw noAccount(address);
        }
        return ResponseEntity.noContent().build();
    }

    /** Removes the secret, so APOP is refused for the account: 204, or 404 for an unknown account. */
    @DeleteMapping
    public ResponseEntity<Void> clear(@PathVariable String address) throws AddressException {
        if (!secrets.clear(MailboxAddress.parse(address).normalized())) {
            throw noAccount(address);
        }
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException noAccount(String address) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no account " + address);
        problem.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
