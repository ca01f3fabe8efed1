package io.mailplatform.smtp.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of one gateway, for a graceful shutdown: once draining, every session says
 * {@code 421 4.3.2} as soon as it is not in the middle of handing a message to Kafka (an accepted
 * message still gets its 250 first), and new connections get the 421 at once.
 */
public final class SessionRegistry {
    /** What the registry needs of a session. */
    public interface Drainable {
        /** Say goodbye and close when possible; called from any thread. */
        void shutdownGracefully();
    }

    private final Set<Drainable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    public void opened(Drainable session) {
        open.add(session);
    }

    public void closed(Drainable session) {
        open.remove(session);
    }

    public boolean draining() {
        return draining;
    }

    /** Starts draining and waits up to {@code timeoutMillis} for every session to close. */
    public void drain(long timeoutMillis) {
        draining = true;
        open.forEach(Drainable::shutdownGracefully);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public int size() {
        return open.size();
    }
}
