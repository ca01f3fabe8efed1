package io.mailplatform.webmail.admin;

import io.mailplatform.store.acl.PublicFolders;
import io.mailplatform.store.acl.PublicFolders.PublicFolder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * Public mailboxes of the IMAP "Shared Folders" namespace (RFC 2342): they belong to no account,
 * and their RFC 4314 ACL, set here or over IMAP by an account with the {@code a} right, says who
 * sees and does what. Names are given without the "Shared Folders/" prefix; a name with levels
 * ("News/Sport") is the rest of the path.
 */
@RestController
@RequestMapping("/api/admin/shared-folders")
public class SharedFolderAdminController {
    private final PublicFolders folders;

    public SharedFolderAdminController(PublicFolders folders) {
        this.folders = folders;
    }

    /**
     * A new public mailbox.
     *
     * @param name its name below "Shared Folders/"
     * @param acl its initial ACL: identifier ("anyone" or an account address) to RFC 4314 rights ("lrs")
     */
    public record NewSharedFolder(@NotBlank String name, Map<String, String> acl) {
    }

    /** @param acl the new ACL, replacing the whole old one; required, so a mistyped body cannot wipe it */
    public record AclChange(@NotNull Map<String, String> acl) {
    }

    /**
     * A public mailbox as the API shows it.
     *
     * @param name its name below "Shared Folders/"
     * @param imapName the name IMAP clients see
     * @param acl identifier ("anyone" first, then addresses) to RFC 4314 rights letters
     */
    public record SharedFolderView(String name, String imapName, Map<String, String> acl) {
        static SharedFolderView of(PublicFolder folder) {
            Map<String, String> acl = new LinkedHashMap<>();
            folder.acl().forEach(entry -> acl.put(entry.identifier(), entry.rights().letters()));
            return new SharedFolderView(folder.name(), folder.imapName(), acl);
        }
    }

    @GetMapping
    public List<SharedFolderView> list() {
        return folders.list().stream().map(SharedFolderView::of).toList();
    }

    @PostMapping
    public ResponseEntity<SharedFolderView> create(@Valid @RequestBody NewSharedFolder request) {
        PublicFolder created = folders.create(request.name(), orEmpty(request.acl()));
        return ResponseEntity.created(URI.create("/api/admin/shared-folders/" + UriUtils.encodePath(created.name(),
                StandardCharsets.UTF_8))).body(SharedFolderView.of(created));
    }

    @GetMapping("/{*name}")
    public SharedFolderView folder(@PathVariable String name) {
        return folders.find(strip(name)).map(SharedFolderView::of)
                .orElseThrow(() -> AdminResponses.notFound("no shared folder " + strip(name)));
    }

    @PutMapping("/{*name}")
    public SharedFolderView replaceAcl(@PathVariable String name, @Valid @RequestBody AclChange change) {
        return SharedFolderView.of(folders.replaceAcl(strip(name), orEmpty(change.acl())));
    }

    @DeleteMapping("/{*name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        folders.delete(strip(name));
        return ResponseEntity.noContent().build();
    }

    /** A {@code {*name}} variable starts with the "/" before it. */
    private static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static Map<String, String> orEmpty(Map<String, String> acl) {
        return acl == null ? Map.of() : acl;
    }
}
