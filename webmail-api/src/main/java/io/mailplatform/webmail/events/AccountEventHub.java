package io.mailplatform.webmail.events;

import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.webmail.config.WebmailProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this instance, by account, and the fan-out of mailbox events to them.
 * Sends run on one thread of the hub's own, never on the Kafka feed's; a stream that cannot be
 * written is dropped (the browser's EventSource reconnects and re-reads the store). A comment line
 * every {@code heartbeat} keeps idle streams open through proxies and finds dead ones.
 */
@Component
public class AccountEventHub {
    /** What a stream sends per event: small, and named like the rest of the API. */
    public record Notice(String type, long mailboxId, String mailbox, long modSeq, List<Long> uids) {
    }

    private final Map<Long, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webmail-events");
        thread.setDaemon(true);
        return thread;
    });
    private final int maxPerAccount;
    /** Open streams over all accounts, and when the first of them opened (-1: none open). */
    private final AtomicInteger open = new AtomicInteger();
    private volatile long listeningSince = -1;

    public AccountEventHub(WebmailProperties properties) {
        this.maxPerAccount = properties.events().maxStreamsPerAccount();
        long heartbeat = properties.events().heartbeat().toMillis();
        sender.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /** Registers a stream; false if the account has as many open as it may. */
    boolean register(long accountId, SseEmitter emitter) {
        AtomicInteger count = counts.computeIfAbsent(accountId, id -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerAccount) {
            count.decrementAndGet();
            return false;
        }
        if (open.getAndIncrement() == 0) {
            listeningSince = System.currentTimeMillis();
        }
        streams.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(emitter);
        Runnable remove = () -> unregister(accountId, emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        return true;
    }

    private void unregister(long accountId, SseEmitter emitter) {
        Set<SseEmitter> set = streams.get(accountId);
        if (set != null && set.remove(emitter)) {
            counts.get(accountId).decrementAndGet();
            if (open.decrementAndGet() == 0) {
                listeningSince = -1;
            }
        }
    }

    /** Called on the feed's thread: hands the event to the sender. */
    public void publish(MailboxEvent event) {
        Set<SseEmitter> interested = streams.get(event.accountId());
        // ACL changes concern IMAP sessions of grantees; the webmail serves own mailboxes only
        if (interested == null || interested.isEmpty() || event.type() == MailboxEvent.Type.ACL_CHANGED) {
            return;
        }
        Notice notice = new Notice(type(event.type()), event.mailboxId(), event.mailboxName(), event.modSeq(), event.uids());
        sender.execute(() -> {
            for (SseEmitter emitter : interested) {
                send(event.accountId(), emitter, SseEmitter.event().name("mailbox").data(notice, MediaType.APPLICATION_JSON));
            }
        });
    }

    /**
     * Since when (epoch milliseconds) streams have been open without a break, -1 while none is: the
     * feed reads events only while someone listens.
     */
    public long listeningSince() {
        return open.get() > 0 ? listeningSince : -1;
    }

    /** How many streams are open, over all accounts. */
    public int size() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    private void heartbeat() {
        streams.forEach((accountId, set) -> set.forEach(emitter -> send(accountId, emitter, SseEmitter.event().comment("keep-alive"))));
    }

    private void send(long accountId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            unregister(accountId, emitter);
            emitter.completeWithError(e);
        }
    }

    /** MESSAGES_ADDED is "messagesAdded". */
    static String type(MailboxEvent.Type type) {
        String[] words = type.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    @PreDestroy
    void close() {
        sender.shutdownNow();
        streams.values().forEach(set -> set.forEach(SseEmitter::complete));
    }
}
