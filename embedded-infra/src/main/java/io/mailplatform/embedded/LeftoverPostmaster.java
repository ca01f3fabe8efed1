package io.mailplatform.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running in a data directory by a platform that was killed (SIGKILL, the
 * OOM killer): the JVM died, its child postmaster did not. Left alone, it would be taken for the new
 * server when the port is unchanged, with the settings it was started with, and make the start fail
 * ("lock file postmaster.pid already exists") when not. The caller holds the data directory's
 * instance lock, so no live platform uses it: it is shut down before a new server starts.
 */
final class LeftoverPostmaster {
    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /** Stops the postmaster named by the directory's {@code postmaster.pid}, if it runs; whether one did. */
    static boolean stop(Path dataDirectory, Duration timeout) throws IOException {
        Optional<ProcessHandle> postmaster = running(dataDirectory);
        if (postmaster.isEmpty()) {
            return false;
        }
        ProcessHandle process = postmaster.get();
        log.warn("a PostgreSQL server (pid {}) left running by an earlier instance holds {}: stopping it", process.pid(),
                dataDirectory);
        // SIGTERM: a smart shutdown, which ends at once as the dead instance's connections are gone
        process.destroy();
        if (!exited(process, timeout)) {
            log.warn("the leftover PostgreSQL server (pid {}) did not stop within {}: killing it", process.pid(), timeout);
            process.destroyForcibly();
            exited(process, timeout);
        }
        return true;
    }

    /** The live postmaster of this data directory, if {@code postmaster.pid} names one (not a reused pid). */
    static Optional<ProcessHandle> running(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isPostmasterOf(p, dataDirectory));
    }

    private static boolean isPostmasterOf(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> command.endsWith("/postgres")).orElse(false);
        Path directory = dataDirectory.toAbsolutePath().normalize();
        boolean ours = info.arguments()
                .map(arguments -> List.of(arguments).stream().anyMatch(argument -> names(argument, directory)))
                .orElse(false);
        return postgres && ours;
    }

    /** Whether a {@code -D} argument names the directory (relative ones were given from our working directory). */
    private static boolean names(String argument, Path directory) {
        try {
            return Path.of(argument).toAbsolutePath().normalize().equals(directory);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean exited(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
