package io.mailplatform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random secret kept in a file readable by its owner only, made on first use: the key of stored
 * secrets and the passwords of the embedded PostgreSQL and Kafka broker, kept in the data
 * directory so that they stay the same across restarts.
 */
public final class SecretFile {
    private SecretFile() {
    }

    /** @return the secret of {@code file}, created as {@code bytes} random bytes in base64 if the file does not exist */
    public static String readOrCreate(Path file, int bytes, Base64.Encoder encoder) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            String encoded = encoder.encodeToString(random);
            // written whole or not at all: a crash never leaves an empty secret behind
            Path partial = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, encoded + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file, e);
        }
    }

    /** A password of 24 random bytes, URL-safe base64 (no quoting needed in SQL, JAAS or properties). */
    public static String password(Path file) {
        return readOrCreate(file, 24, Base64.getUrlEncoder().withoutPadding());
    }
}
