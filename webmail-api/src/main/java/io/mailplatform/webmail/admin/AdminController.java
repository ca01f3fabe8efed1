package io.mailplatform.webmail.admin;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.DomainEntry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Provisioning for operators: domains and accounts. */
@RestController
@RequestMapping("/api/admin")
public class AdminController {
    private final DirectoryService directory;

    public AdminController(DirectoryService directory) {
        this.directory = directory;
    }

    public record NewDomain(@NotBlank String name) {
    }

    public record NewAccount(@NotBlank String address, @NotBlank String password) {
        @Override
        public String toString() {
            return "NewAccount[address=" + address + "]";
        }
    }

    public record AccountView(long id, String address) {
    }

    @PostMapping("/domains")
    public ResponseEntity<DomainEntry> createDomain(@Valid @RequestBody NewDomain request) throws AddressException {
        DomainEntry domain = directory.createDomain(request.name());
        return ResponseEntity.created(URI.create("/api/admin/domains/" + domain.name())).body(domain);
    }

    @PostMapping("/accounts")
    public ResponseEntity<AccountView> createAccount(@Valid @RequestBody NewAccount request) throws AddressException {
        Account account = directory.createAccount(request.address(), request.password());
        return ResponseEntity.created(URI.create("/api/admin/accounts/" + account.address()))
                .body(new AccountView(account.id(), account.address()));
    }
}
