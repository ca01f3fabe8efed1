package io.mailplatform.embedded;

import java.nio.file.Path;

/**
 * Starts the embedded PostgreSQL in a JVM of its own, says so and waits to be killed: what the
 * standalone platform leaves behind when SIGKILL or the OOM killer ends it.
 */
public final class KilledInstance {
    private KilledInstance() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
