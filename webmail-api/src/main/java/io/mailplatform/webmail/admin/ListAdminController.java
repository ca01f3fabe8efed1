package io.mailplatform.webmail.admin;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.DistributionList;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Distribution lists: members, and whether only members may send to the list. */
@RestController
@RequestMapping("/api/admin")
public class ListAdminController {
    private final DirectoryService directory;
    private final DirectoryAdmin admin;

    public ListAdminController(DirectoryService directory, DirectoryAdmin admin) {
        this.directory = directory;
        this.admin = admin;
    }

    public record NewList(@NotBlank String address, boolean membersOnly) {
    }

    public record ListChange(@NotNull Boolean membersOnly) {
    }

    public record NewMember(@NotBlank String address) {
    }

    public record ListView(String address, boolean membersOnly, List<String> members) {
        static ListView of(DistributionList list) {
            return new ListView(list.address(), list.membersOnly(), list.members());
        }
    }

    @PostMapping("/lists")
    public ResponseEntity<ListView> create(@Valid @RequestBody NewList request) throws AddressException {
        directory.createList(request.address(), request.membersOnly());
        ListView view = list(request.address());
        return ResponseEntity.created(URI.create("/api/admin/lists/" + view.address())).body(view);
    }

    @GetMapping("/lists/{address}")
    public ListView list(@PathVariable String address) throws AddressException {
        return admin.list(address).map(ListView::of)
                .orElseThrow(() -> AdminResponses.notFound("no list " + address));
    }

    @GetMapping("/domains/{domain}/lists")
    public List<String> lists(@PathVariable String domain) throws AddressException {
        return admin.lists(domain);
    }

    @PatchMapping("/lists/{address}")
    public ListView change(@PathVariable String address, @Valid @RequestBody ListChange change) throws AddressException {
        if (!admin.setMembersOnly(address, change.membersOnly())) {
            throw AdminResponses.notFound("no list " + address);
        }
        return list(address);
    }

    @PostMapping("/lists/{address}/members")
    public ListView addMember(@PathVariable String address, @Valid @RequestBody NewMember member) throws AddressException {
        list(address);
        directory.addListMember(address, member.address());
        return list(address);
    }

    @DeleteMapping("/lists/{address}/members/{member}")
    public ResponseEntity<Void> removeMember(@PathVariable String address, @PathVariable String member)
            throws AddressException {
        return AdminResponses.removed(admin.removeListMember(address, member),
                "list " + address + " has no member " + member);
    }

    @DeleteMapping("/lists/{address}")
    public ResponseEntity<Void> delete(@PathVariable String address) throws AddressException {
        return AdminResponses.removed(admin.deleteList(address), "no list " + address);
    }
}
