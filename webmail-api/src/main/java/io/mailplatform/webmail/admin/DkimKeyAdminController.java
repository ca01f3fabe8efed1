package io.mailplatform.webmail.admin;

import io.mailplatform.store.dkim.DkimKey;
import io.mailplatform.store.dkim.DkimKeys;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A hosted domain's DKIM keys, for operators: generate a key and publish the TXT record the answer
 * gives; rotate by generating a second one, publishing it, and retiring the first once the new record
 * is in DNS. The private key never leaves the server.
 */
@RestController
@RequestMapping("/api/admin/domains/{domain}/dkim-keys")
public class DkimKeyAdminController {
    private final DkimKeys keys;

    public DkimKeyAdminController(DkimKeys keys) {
        this.keys = keys;
    }

    /**
     * @param algorithm "rsa-sha256" (RSA-2048, the default) or "ed25519-sha256"
     * @param selector a DNS label; default the algorithm and today's date, e.g. rsa20261206
     */
    public record KeyRequest(String algorithm, String selector) {
    }

    /** A key and what to publish for it. */
    public record KeyView(String domain, String selector, String algorithm, String dnsName, String dnsRecord,
            Instant createdAt, Instant retiredAt, boolean active) {
        static KeyView of(DkimKey key) {
            return new KeyView(key.domain(), key.selector(), key.algorithm(), key.dnsName(), key.dnsRecord(),
                    key.createdAt(), key.retiredAt(), key.active());
        }
    }

    /** 201 with the record to publish; 404 unknown domain, 409 selector taken or two active keys already, 400 bad input. */
    @PostMapping
    public ResponseEntity<KeyView> generate(@PathVariable String domain, @RequestBody(required = false) KeyRequest request) {
        KeyRequest asked = request == null ? new KeyRequest(null, null) : request;
        try {
            DkimKey key = keys.generate(domain, asked.algorithm() == null ? "rsa-sha256" : asked.algorithm(), asked.selector())
                    .orElseThrow(() -> AdminResponses.notFound("no domain " + domain));
            return ResponseEntity.created(URI.create("/api/admin/domains/" + key.domain() + "/dkim-keys/" + key.selector()))
                    .body(KeyView.of(key));
        } catch (DkimKeys.KeyConflictException e) {
            throw AdminResponses.conflict(e.getMessage());
        }
    }

    /** Every key, newest first. */
    @GetMapping
    public List<KeyView> list(@PathVariable String domain) {
        return keys.list(domain).orElseThrow(() -> AdminResponses.notFound("no domain " + domain)).stream()
                .map(KeyView::of).toList();
    }

    @GetMapping("/{selector}")
    public KeyView show(@PathVariable String domain, @PathVariable String selector) {
        return keys.find(domain, selector).map(KeyView::of).orElseThrow(() -> noKey(domain, selector));
    }

    /** Stops the key signing (within {@code mail.delivery.dkim.key-cache-ttl}); its record may stay published a while. */
    @PostMapping("/{selector}/retire")
    public KeyView retire(@PathVariable String domain, @PathVariable String selector) {
        if (!keys.retire(domain, selector)) {
            throw noKey(domain, selector);
        }
        return show(domain, selector);
    }

    @DeleteMapping("/{selector}")
    public ResponseEntity<Void> delete(@PathVariable String domain, @PathVariable String selector) {
        return AdminResponses.removed(keys.delete(domain, selector), "no DKIM key " + selector + " for " + domain);
    }

    private static RuntimeException noKey(String domain, String selector) {
        return AdminResponses.notFound("no DKIM key " + selector + " for " + domain);
    }
}
