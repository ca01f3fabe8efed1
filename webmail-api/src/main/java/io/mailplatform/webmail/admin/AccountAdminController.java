package io.mailplatform.webmail.admin;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.DomainEntry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Looking up domains and accounts, changing passwords, disabling accounts. */
@RestController
@RequestMapping("/api/admin")
public class AccountAdminController {
    private final DirectoryService directory;
    private final DirectoryAdmin admin;
    private final Authenticator authenticator;

    public AccountAdminController(DirectoryService directory, DirectoryAdmin admin, Authenticator authenticator) {
        this.directory = directory;
        this.admin = admin;
        this.authenticator = authenticator;
    }

    /** @param quotaBytes null: unlimited */
    public record AccountDetails(long id, String address, boolean enabled, Long quotaBytes) {
        static AccountDetails of(Account account) {
            return new AccountDetails(account.id(), account.address(), account.enabled(), account.quotaBytes());
        }
    }

    public record PasswordChange(@NotBlank String password) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    public record EnabledChange(@NotNull Boolean enabled) {
    }

    @GetMapping("/domains")
    public List<DomainEntry> domains() {
        return directory.domains();
    }

    @GetMapping("/domains/{domain}/accounts")
    public List<AccountDetails> accounts(@PathVariable String domain) throws AddressException {
        if (!directory.isLocalDomain(domain)) {
            throw AdminResponses.notFound("no domain " + domain);
        }
        return admin.accounts(domain).stream().map(AccountDetails::of).toList();
    }

    @GetMapping("/accounts/{address}")
    public AccountDetails account(@PathVariable String address) {
        return directory.findAccount(address).map(AccountDetails::of)
                .orElseThrow(() -> AdminResponses.notFound("no account " + address));
    }

    /** A new password; logins this instance remembered are forgotten at once, others' within mail.store.auth-cache-ttl. */
    @PutMapping("/accounts/{address}/password")
    public ResponseEntity<Void> changePassword(@PathVariable String address, @Valid @RequestBody PasswordChange change) {
        account(address);
        directory.changePassword(address, change.password());
        authenticator.forget(address);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/accounts/{address}/enabled")
    public AccountDetails setEnabled(@PathVariable String address, @Valid @RequestBody EnabledChange change)
            throws AddressException {
        account(address);
        admin.setEnabled(address, change.enabled());
        authenticator.forget(address);
        return account(address);
    }
}
