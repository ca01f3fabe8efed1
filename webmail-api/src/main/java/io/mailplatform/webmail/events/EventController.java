package io.mailplatform.webmail.events;

import io.mailplatform.store.directory.Account;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/events}: server-sent events for the account's mailboxes (new mail, flag
 * changes, expunges, mailboxes created, renamed, deleted). Each is a hint to re-read the store.
 * A stream starts with a {@code ready} event and ends after {@link #STREAM_LIFETIME}; EventSource
 * reconnects by itself.
 */
@RestController
public class EventController {
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final AccountEventHub hub;

    public EventController(AccountEventHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@AuthenticationPrincipal Account account) throws IOException {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        if (!hub.register(account.id(), emitter)) {
            throw new TooManyStreamsException();
        }
        emitter.send(SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
        return emitter;
    }

    /** The account holds as many event streams open as it may (429). */
    public static class TooManyStreamsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyStreamsException() {
            super("too many event streams are open for this account; close one first");
        }
    }
}
