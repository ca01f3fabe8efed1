package io.mailplatform.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the standalone data directory, held from before the embedded PostgreSQL
 * and Kafka start until after they stopped. Two processes on one directory would both write the
 * broker's metadata log and PostgreSQL's files (a second start while the first still stopped once
 * died with a corrupt KRaft log); with the lock the second refuses to start and says why. The lock
 * is the operating system's ({@link FileChannel#tryLock()}), so it goes away with its process,
 * however that ends; the file keeps the holder's process id for the message.
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE = "instance.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails with {@link DataDirectoryInUseException} when another instance holds it. */
    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (another platform started in the same JVM)
            }
            if (lock == null) {
                channel.close();
                throw new DataDirectoryInUseException(dataDir, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the data directory " + dataDir, e);
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "another process" : "process " + pid;
        } catch (IOException e) {
            return "another process";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory is in use by another running instance. */
    static final class DataDirectoryInUseException extends IllegalStateException {
        DataDirectoryInUseException(Path dataDir, String holder) {
            super("The data directory " + dataDir + " is in use by another running instance (" + holder + " holds "
                    + dataDir.resolve(FILE) + "). Stop that instance first, or set mail.standalone.data-dir to another"
                    + " directory.");
        }
    }
}
