package io.mailplatform.standalone.faults;

import io.mailplatform.testsupport.DatabaseOutage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Strikes the running platform at random, seeded points until told to stop: crashes the delivery
 * consumer between its database commit and its offset commit, stops it at an arbitrary point of
 * its work, terminates every PostgreSQL connection (a transaction in flight rolls back), and
 * restarts the Kafka broker on its data. Each stopped piece is started again after a random pause.
 */
final class Faults implements Runnable {
    enum Fault {
        CRASH_AFTER_DATABASE_COMMIT,
        STOP_CONSUMER,
        TERMINATE_DATABASE_CONNECTIONS,
        RESTART_KAFKA
    }

    /** Stops and starts the broker; kept apart so the test decides how. */
    interface Broker {
        void restart() throws Exception;
    }

    private final ConsumerCrash crash;
    private final DataSource dataSource;
    private final Broker broker;
    private final Random random;
    private final BooleanSupplier running;
    private final long kafkaRestartEveryNanos;
    final Map<Fault, Integer> struck = new EnumMap<>(Fault.class);
    volatile Throwable failure;

    Faults(ConsumerCrash crash, DataSource dataSource, Broker broker, long seed, BooleanSupplier running,
            long kafkaRestartEveryNanos) {
        this.crash = crash;
        this.dataSource = dataSource;
        this.broker = broker;
        this.random = new Random(seed);
        this.running = running;
        this.kafkaRestartEveryNanos = kafkaRestartEveryNanos;
    }

    @Override
    public void run() {
        // the broker restarts once early in every run (after 3 to 8 s), then at the given interval
        long nextKafkaRestart = System.nanoTime() + (3000 + random.nextInt(5000)) * 1_000_000L;
        try {
            sleep(1000 + random.nextInt(2000));
            while (running.getAsBoolean()) {
                Fault fault;
                if (System.nanoTime() >= nextKafkaRestart) {
                    fault = Fault.RESTART_KAFKA;
                    nextKafkaRestart = System.nanoTime() + kafkaRestartEveryNanos;
                } else {
                    fault = Fault.values()[random.nextInt(Fault.RESTART_KAFKA.ordinal())];
                }
                strike(fault);
                struck.merge(fault, 1, Integer::sum);
                sleep(500 + random.nextInt(2500));
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            ensureConsumerRunning();
        }
    }

    private void strike(Fault fault) throws Exception {
        switch (fault) {
            case CRASH_AFTER_DATABASE_COMMIT -> {
                crash.arm();
                long deadline = System.currentTimeMillis() + 5000;
                while (crash.armed() && System.currentTimeMillis() < deadline) {
                    sleep(50);
                }
                // no batch came meanwhile: disarm, so that no later batch crashes unseen
                if (!crash.disarm()) {
                    awaitStopped(); // it crashed: the container is on its way down
                }
                sleep(random.nextInt(1500));
                ensureConsumerRunning();
            }
            case STOP_CONSUMER -> {
                MessageListenerContainer container = crash.container();
                container.stop();
                sleep(random.nextInt(1500));
                container.start();
            }
            case TERMINATE_DATABASE_CONNECTIONS -> DatabaseOutage.terminateConnections(dataSource);
            case RESTART_KAFKA -> broker.restart();
            default -> throw new IllegalStateException(fault.toString());
        }
    }

    private void awaitStopped() {
        long deadline = System.currentTimeMillis() + 15_000;
        while (crash.container().isRunning() && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
    }

    private void ensureConsumerRunning() {
        if (!crash.container().isRunning()) {
            crash.container().start();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
