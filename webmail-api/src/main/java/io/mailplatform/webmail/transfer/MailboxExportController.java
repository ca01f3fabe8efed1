package io.mailplatform.webmail.transfer;

import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user downloads one of their own mailboxes as an mbox file (as the admin export writes it); the
 * mailbox is looked up in the logged-in account only, so another account's name answers 404.
 */
@RestController
public class MailboxExportController {
    private final MailboxService mailboxes;
    private final MailExporter exporter;

    public MailboxExportController(MailboxService mailboxes, MailExporter exporter) {
        this.mailboxes = mailboxes;
        this.exporter = exporter;
    }

    @GetMapping("/api/export")
    public void mbox(@AuthenticationPrincipal Account account, @RequestParam String mailbox, HttpServletResponse response)
            throws IOException {
        Mailbox box = mailboxes.require(account.id(), mailbox);
        response.setContentType("application/mbox");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(mailbox.replace('/', '_') + ".mbox", StandardCharsets.UTF_8).build().toString());
        exporter.mbox(box, response.getOutputStream());
    }
}
