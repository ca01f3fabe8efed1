package io.mailplatform.webmail.admin;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.directory.DirectoryAdmin;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Storage and message quotas of accounts (the IMAP QUOTA resources STORAGE and MESSAGE); delivery over
 * either is deferred and retried, then returned with a DSN.
 */
@RestController
@RequestMapping("/api/admin/accounts/{address}/quota")
public class QuotaAdminController {
    private final DirectoryAdmin admin;

    public QuotaAdminController(DirectoryAdmin admin) {
        this.admin = admin;
    }

    /**
     * Both quotas at once (PUT replaces: an absent one becomes unlimited).
     *
     * @param limitBytes the storage quota in octets, null for unlimited
     * @param limitMessages the most messages the account may hold, null for unlimited
     */
    public record QuotaChange(@PositiveOrZero Long limitBytes, @PositiveOrZero Long limitMessages) {
    }

    @GetMapping
    public DirectoryAdmin.Quota quota(@PathVariable String address) throws AddressException {
        return admin.quota(address)
                .orElseThrow(() -> AdminResponses.notFound("no account " + address));
    }

    @PutMapping
    public DirectoryAdmin.Quota setQuota(@PathVariable String address,
            @jakarta.validation.Valid @RequestBody QuotaChange change) throws AddressException {
        quota(address);
        admin.setQuotas(address, change.limitBytes(), change.limitMessages());
        return quota(address);
    }
}
