package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 3516 §4.4 with NUL octets, which a transcript cannot carry (the case of imaptest's
 * {@code append-binary}): a plain literal holding NUL is a syntax error (BAD, nothing stored); a
 * literal8 holding NUL is stored octet for octet; BINARY[] gives the octets back in a literal8, BODY[]
 * in a literal with each NUL as 0x80 (a literal cannot hold NUL), the same length.
 */
class BinaryAppendTest extends ImapTestSupport {

    @Test
    void nulOctetsNeedALiteral8AndComeBackThroughBinary() throws Exception {
        Account account = account("binary-append");
        byte[] body = {0, (byte) 0xed, '\r', '\n'};
        byte[] message = message(body);
        try (LineClient client = login(account)) {
            assertThat(append(client, "a", "INBOX {" + message.length + "+}", message)).startsWith("a BAD");
            assertThat(command(client, "b", "STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 0)");
            assertThat(append(client, "c", "INBOX ~{" + message.length + "+}", message)).startsWith("c OK [APPENDUID");
            command(client, "d", "EXAMINE INBOX");
            Response binary = fetch(client, "e", "FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])");
            assertThat(binary.lines().get(0)).isEqualTo("* 1 FETCH (BINARY.SIZE[1] 4 BINARY[1] ~{4}");
            assertThat(binary.literals().get(0)).isEqualTo(body);
            Response whole = fetch(client, "f", "FETCH 1 (BINARY.PEEK[] BODY.PEEK[])");
            assertThat(whole.literals().get(0)).isEqualTo(message);
            byte[] served = message.clone();
            served[served.length - 4] = (byte) 0x80;
            assertThat(whole.literals().get(1)).isEqualTo(served);
            Response part = fetch(client, "g", "FETCH 1 (BODY.PEEK[1])");
            assertThat(part.lines().get(0)).isEqualTo("* 1 FETCH (BODY[1] {4}");
            assertThat(part.literals().get(0)).isEqualTo(new byte[] {(byte) 0x80, (byte) 0xed, '\r', '\n'});
        }
    }

    private static byte[] message(byte[] body) {
        byte[] header = ("Subject: binary\r\nMime-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }

    /** APPEND {@code arguments} then the octets and CRLF; the tagged response line. */
    private static String append(LineClient client, String tag, String arguments, byte[] octets) throws Exception {
        client.write((tag + " APPEND " + arguments + "\r\n").getBytes(StandardCharsets.US_ASCII));
        client.write(octets);
        client.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        List<String> lines = client.readUntil(line -> line.startsWith(tag + " "));
        return lines.get(lines.size() - 1);
    }
}
