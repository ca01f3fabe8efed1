package io.mailplatform.webmail.admin;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.DomainEntry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Per-domain delivery settings: the catch-all address and the SPF fail policy. */
@RestController
@RequestMapping("/api/admin/domains/{domain}")
public class DomainPolicyAdminController {
    private final DirectoryService directory;
    private final DirectoryAdmin admin;

    public DomainPolicyAdminController(DirectoryService directory, DirectoryAdmin admin) {
        this.directory = directory;
        this.admin = admin;
    }

    public record CatchAll(@NotBlank String target) {
    }

    public record CatchAllView(String domain, String target) {
    }

    /**
     * @param failAction "junk" or "discard"; null in a reply means the service default
     *        ({@code mail.delivery.spf.fail-action}) applies
     */
    public record SpfPolicy(@NotBlank String failAction) {
    }

    public record SpfPolicyView(String domain, String failAction) {
    }

    @GetMapping("/catch-all")
    public CatchAllView catchAll(@PathVariable String domain) {
        DomainEntry entry = directory.findDomain(domain)
                .orElseThrow(() -> AdminResponses.notFound("no domain " + domain));
        return new CatchAllView(entry.name(), entry.catchAll());
    }

    @PutMapping("/catch-all")
    public CatchAllView setCatchAll(@PathVariable String domain, @Valid @RequestBody CatchAll request)
            throws AddressException {
        requireDomain(domain);
        directory.setCatchAll(domain, request.target());
        return catchAll(domain);
    }

    @DeleteMapping("/catch-all")
    public ResponseEntity<Void> removeCatchAll(@PathVariable String domain) throws AddressException {
        requireDomain(domain);
        directory.setCatchAll(domain, null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/spf-policy")
    public SpfPolicyView spfPolicy(@PathVariable String domain) throws AddressException {
        requireDomain(domain);
        return new SpfPolicyView(domain.toLowerCase(java.util.Locale.ROOT), admin.spfFailPolicy(domain).orElse(null));
    }

    @PutMapping("/spf-policy")
    public SpfPolicyView setSpfPolicy(@PathVariable String domain, @Valid @RequestBody SpfPolicy request)
            throws AddressException {
        requireDomain(domain);
        admin.setSpfFailPolicy(domain, request.failAction());
        return spfPolicy(domain);
    }

    @DeleteMapping("/spf-policy")
    public ResponseEntity<Void> resetSpfPolicy(@PathVariable String domain) throws AddressException {
        requireDomain(domain);
        admin.setSpfFailPolicy(domain, null);
        return ResponseEntity.noContent().build();
    }

    private void requireDomain(String domain) {
        if (directory.findDomain(domain).isEmpty()) {
            throw AdminResponses.notFound("no domain " + domain);
        }
    }
}
