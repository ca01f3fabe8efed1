package io.mailplatform.webmail.compose;

import io.mailplatform.store.directory.Account;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Sending and drafts for the logged-in account. Each endpoint takes the composition as JSON, or as
 * {@code multipart/form-data} with the JSON in a part named {@code message} and the files in parts
 * named {@code attachments}. Sending answers 202: the message is accepted for delivery (on Kafka),
 * not yet delivered.
 */
@RestController
public class ComposeController {
    private final Outbox outbox;

    public ComposeController(Outbox outbox) {
        this.outbox = outbox;
    }

    @PostMapping(path = "/api/messages/send", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Outbox.Sent> send(@AuthenticationPrincipal Account account, @RequestBody Composition composition,
            HttpServletRequest request) {
        return accepted(outbox.send(account, composition, List.of(), SubmissionClient.of(request)));
    }

    @PostMapping(path = "/api/messages/send", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Outbox.Sent> sendWithAttachments(@AuthenticationPrincipal Account account,
            @RequestPart("message") Composition composition,
            @RequestPart(name = "attachments", required = false) List<MultipartFile> files, HttpServletRequest request) {
        return accepted(outbox.send(account, composition, attachments(files), SubmissionClient.of(request)));
    }

    @PostMapping(path = "/api/drafts", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Outbox.Draft> saveDraft(@AuthenticationPrincipal Account account,
            @RequestBody Composition composition) {
        return created(outbox.saveDraft(account, composition, List.of()));
    }

    @PostMapping(path = "/api/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Outbox.Draft> saveDraftWithAttachments(@AuthenticationPrincipal Account account,
            @RequestPart("message") Composition composition,
            @RequestPart(name = "attachments", required = false) List<MultipartFile> files) {
        return created(outbox.saveDraft(account, composition, attachments(files)));
    }

    @PutMapping(path = "/api/drafts/{uid}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Outbox.Draft replaceDraft(@AuthenticationPrincipal Account account, @PathVariable long uid,
            @RequestBody Composition composition) {
        return outbox.replaceDraft(account, uid, composition, List.of());
    }

    @PutMapping(path = "/api/drafts/{uid}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Outbox.Draft replaceDraftWithAttachments(@AuthenticationPrincipal Account account, @PathVariable long uid,
            @RequestPart("message") Composition composition,
            @RequestPart(name = "attachments", required = false) List<MultipartFile> files) {
        return outbox.replaceDraft(account, uid, composition, attachments(files));
    }

    @PostMapping("/api/drafts/{uid}/send")
    public ResponseEntity<Outbox.Sent> sendDraft(@AuthenticationPrincipal Account account, @PathVariable long uid,
            HttpServletRequest request) {
        return accepted(outbox.sendDraft(account, uid, SubmissionClient.of(request)));
    }

    private static List<Attachment> attachments(List<MultipartFile> files) {
        List<Attachment> attachments = new ArrayList<>();
        if (files != null) {
            for (MultipartFile file : files) {
                try {
                    attachments.add(new Attachment(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return attachments;
    }

    private static ResponseEntity<Outbox.Sent> accepted(Outbox.Sent sent) {
        return ResponseEntity.accepted().location(messageUri(sent.mailbox(), sent.uid())).body(sent);
    }

    private static ResponseEntity<Outbox.Draft> created(Outbox.Draft draft) {
        return ResponseEntity.created(messageUri(draft.mailbox(), draft.uid())).body(draft);
    }

    /** The stored copy, as the message API serves it. */
    private static URI messageUri(String mailbox, long uid) {
        return URI.create("/api/mailboxes/" + URLEncoder.encode(mailbox, StandardCharsets.UTF_8).replace("+", "%20")
                + "/messages/" + uid);
    }
}
