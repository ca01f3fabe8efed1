package io.mailplatform.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.testsupport.RealInfrastructure;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The relay reads a stored content in chunks cut out by PostgreSQL; they add up to the content exactly. */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class MessageContentChunksTest {
    @Autowired
    MessageContents contents;
    @Autowired
    JdbcClient jdbc;

    private long store(byte[] raw) {
        return jdbc.sql("INSERT INTO message_contents (size, body_offset, raw) VALUES (?, 0, ?) RETURNING id")
                .params(raw.length, raw).query(Long.class).single();
    }

    @Test
    void chunksOfAnySizeAddUpToTheStoredOctets() {
        byte[] raw = new byte[300_001];
        new SplittableRandom(7).nextBytes(raw); // every octet value, NULs and CRs included
        long id = store(raw);
        assertThat(contents.size(id)).hasValue(raw.length);
        for (int chunkSize : new int[] {1024, 65_536, 300_001, 1_000_000}) {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            for (long offset = 0; offset < raw.length; offset += chunkSize) {
                byte[] chunk = contents.chunk(id, offset, chunkSize).orElseThrow();
                assertThat(chunk.length).isEqualTo((int) Math.min(chunkSize, raw.length - offset));
                read.writeBytes(chunk);
            }
            assertThat(read.toByteArray()).isEqualTo(raw);
        }
        assertThat(contents.chunk(id, raw.length, 100)).hasValueSatisfying(chunk -> assertThat(chunk).isEmpty());
    }

    @Test
    void anUnknownContentHasNoSizeAndNoChunks() {
        assertThat(contents.size(Long.MAX_VALUE)).isEmpty();
        assertThat(contents.chunk(Long.MAX_VALUE, 0, 10)).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> contents.chunk(1, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
