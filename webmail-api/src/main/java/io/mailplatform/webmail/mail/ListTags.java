package io.mailplatform.webmail.mail;

import io.mailplatform.store.mailbox.Mailbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Weak entity tags (RFC 9110 section 8.8.3) for the lists that clients poll, so that an unchanged
 * list costs a {@code 304} instead of a body. A message list's tag is taken from the mailbox's state
 * before any message is read: every append raises UIDNEXT and every flag change or expunge raises
 * HIGHESTMODSEQ (CONDSTORE), and nothing else a list shows can change.
 */
final class ListTags {
    /** Cached by the browser but always revalidated; private because it is one account's mail. */
    private static final String CACHE_CONTROL = CacheControl.noCache().cachePrivate().getHeaderValue();

    private ListTags() {
    }

    /** @param query the request's query string (its filters, sort, limit and cursor), or null */
    static String messages(Mailbox mailbox, String query) {
        return weak("m" + mailbox.id() + "." + mailbox.uidValidity() + "." + mailbox.uidNext() + "."
                + mailbox.highestModSeq() + "." + digest(query == null ? "" : query));
    }

    /** @param representation everything the answer shows, e.g. the records' text */
    static String of(String representation) {
        return weak(digest(representation));
    }

    /**
     * Sets the tag and the revalidation policy on the response; true when the client's
     * {@code If-None-Match} matches, the answer then being an empty {@code 304}.
     */
    static boolean notModified(ServletWebRequest request, String tag) {
        request.getResponse().setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        return request.checkNotModified(tag);
    }

    private static String weak(String opaque) {
        return "W/\"" + opaque + "\"";
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
