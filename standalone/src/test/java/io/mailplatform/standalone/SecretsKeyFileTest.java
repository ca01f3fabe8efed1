package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void createsAPrivateRandomKeyOnceAndReadsItBack() throws Exception {
        Path file = dir.resolve("data").resolve("secrets.key");
        String first = SecretsKeyFile.readOrCreate(file);
        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretsKeyFile.readOrCreate(file)).isEqualTo(first);
        assertThat(SecretsKeyFile.readOrCreate(dir.resolve("other.key"))).isNotEqualTo(first);
    }
}
