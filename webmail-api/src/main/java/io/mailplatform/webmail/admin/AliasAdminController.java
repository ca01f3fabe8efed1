package io.mailplatform.webmail.admin;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.directory.DirectoryService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Aliases: one address to one or more targets (accounts, lists, other aliases or remote addresses). */
@RestController
@RequestMapping("/api/admin")
public class AliasAdminController {
    private final DirectoryService directory;
    private final DirectoryAdmin admin;

    public AliasAdminController(DirectoryService directory, DirectoryAdmin admin) {
        this.directory = directory;
        this.admin = admin;
    }

    public record NewAliasTarget(@NotBlank String address, @NotBlank String target) {
    }

    public record AliasView(String address, List<String> targets) {
    }

    /** Adds a target to an alias (creating the alias with its first target). */
    @PostMapping("/aliases")
    public ResponseEntity<AliasView> addTarget(@Valid @RequestBody NewAliasTarget request) throws AddressException {
        directory.addAlias(request.address(), request.target());
        AliasView view = alias(request.address());
        return ResponseEntity.created(URI.create("/api/admin/aliases/" + view.address())).body(view);
    }

    @GetMapping("/aliases/{address}")
    public AliasView alias(@PathVariable String address) throws AddressException {
        List<String> targets = directory.aliasTargets(address);
        if (targets.isEmpty()) {
            throw AdminResponses.notFound("no alias " + address);
        }
        return new AliasView(address.toLowerCase(java.util.Locale.ROOT), targets);
    }

    @GetMapping("/domains/{domain}/aliases")
    public Map<String, List<String>> aliases(@PathVariable String domain) throws AddressException {
        return admin.aliases(domain);
    }

    @DeleteMapping("/aliases/{address}/targets/{target}")
    public ResponseEntity<Void> removeTarget(@PathVariable String address, @PathVariable String target)
            throws AddressException {
        return AdminResponses.removed(admin.removeAliasTarget(address, target),
                "alias " + address + " has no target " + target);
    }

    @DeleteMapping("/aliases/{address}")
    public ResponseEntity<Void> remove(@PathVariable String address) throws AddressException {
        return AdminResponses.removed(admin.removeAlias(address), "no alias " + address);
    }
}
