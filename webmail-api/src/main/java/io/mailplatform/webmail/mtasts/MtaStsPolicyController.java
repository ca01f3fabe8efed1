package io.mailplatform.webmail.mtasts;

import io.mailplatform.store.directory.DirectoryService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves the policy file of RFC 8461 §3.2 for {@code Host: mta-sts.<hosted domain>}, without login
 * (senders fetch it anonymously); any other host, or publishing switched off, is answered 404.
 */
@RestController
public class MtaStsPolicyController {
    public static final String PATH = "/.well-known/mta-sts.txt";
    private static final String PREFIX = "mta-sts.";

    private final PublishedPolicy published;
    private final DirectoryService directory;

    public MtaStsPolicyController(PublishedPolicy published, DirectoryService directory) {
        this.published = published;
        this.directory = directory;
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> policy(HttpServletRequest request) {
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!published.enabled() || !host.startsWith(PREFIX) || !directory.isLocalDomain(host.substring(PREFIX.length()))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no MTA-STS policy is published for " + host);
        }
        // the id in DNS, not HTTP caching, tells senders when to fetch again (§3.3); an hour spares the server
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .body(published.policy().text());
    }
}
