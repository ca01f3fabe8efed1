package io.mailplatform.testsupport.abuse;

import java.lang.management.ManagementFactory;

/** The test JVM's heap, where the server under test lives too. */
public final class Heap {
    private Heap() {
    }

    /**
     * The heap in use after full collections (the suite runs the parallel collector, for which
     * {@code System.gc()} is a full collection): what the server holds, give or take a few MB.
     */
    public static long usedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
