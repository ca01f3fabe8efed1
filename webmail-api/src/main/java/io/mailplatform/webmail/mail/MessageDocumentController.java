package io.mailplatform.webmail.mail;

import io.mailplatform.store.directory.Account;
import org.jsoup.nodes.Entities;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET …/messages/{uid}/html}: a message's body as a document of its own, for the web page's
 * reading pane to show in a sandboxed {@code iframe}: the sanitised HTML (or the text, escaped). It
 * is a document with its own policy rather than {@code srcdoc} in the page because a {@code srcdoc}
 * frame inherits the page's policy, which forbids the inline styles mail is written with. Its own
 * policy runs no script at all, loads images only from this site (the message's {@code cid:} parts)
 * unless remote content was asked for, loads nothing else, and lets it be framed by this site only.
 * The sandbox keeps the origin, so {@code cid:} images load with the session cookie, and lets links
 * open in a new window.
 */
@RestController
public class MessageDocumentController {
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);
    private static final String POLICY = "default-src 'none'; img-src 'self'%s; style-src 'unsafe-inline';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'self';"
            + " sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox";
    private static final String HEAD = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            + "<meta name=\"referrer\" content=\"no-referrer\"><title>Message</title><style>"
            + "body{margin:0;padding:12px 16px;font:14px/1.5 system-ui,sans-serif;color:#1c232b;overflow-wrap:anywhere}"
            + "img{max-width:100%;height:auto}pre{margin:0;white-space:pre-wrap;font:13px/1.5 ui-monospace,monospace}"
            + "</style></head><body>";
    private static final String TAIL = "</body></html>";

    private final MailboxResolver resolver;
    private final MessageReader reader;

    public MessageDocumentController(MailboxResolver resolver, MessageReader reader) {
        this.resolver = resolver;
        this.reader = reader;
    }

    @GetMapping(path = "/api/mailboxes/{mailbox}/messages/{uid}/html", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> document(@AuthenticationPrincipal Account account, @PathVariable String mailbox,
            @PathVariable long uid, @RequestParam(defaultValue = "false") boolean remoteContent) {
        MessageReader.Body body = reader.body(resolver.resolve(account, mailbox), uid, remoteContent);
        String content;
        if (body.html() != null) {
            content = body.html().html();
        } else {
            content = "<pre>" + (body.text() == null ? "" : Entities.escape(body.text())) + "</pre>";
        }
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore().cachePrivate())
                .header("Content-Security-Policy", POLICY.formatted(remoteContent ? " https: http:" : ""))
                .header("X-Frame-Options", "SAMEORIGIN").header("Referrer-Policy", "no-referrer")
                .body(HEAD + content + TAIL);
    }
}
