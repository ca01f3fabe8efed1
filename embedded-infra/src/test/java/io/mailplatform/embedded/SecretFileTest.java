package io.mailplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    @Test
    void createsAPrivateRandomSecretOnceAndReadsItBack() throws Exception {
        Path file = dir.resolve("data").resolve("secrets.key");
        String first = SecretFile.readOrCreate(file, 32, Base64.getEncoder());
        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretFile.readOrCreate(file, 32, Base64.getEncoder())).isEqualTo(first);
        assertThat(SecretFile.readOrCreate(dir.resolve("other.key"), 32, Base64.getEncoder())).isNotEqualTo(first);
        assertThat(SecretFile.password(dir.resolve("pw"))).matches("[A-Za-z0-9_-]{32}");
    }
}
