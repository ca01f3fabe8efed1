package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;

/**
 * RFC 4978 COMPRESS=DEFLATE with two real clients: the JDK's raw DEFLATE (RFC 1951, as a client
 * library would use zlib) over the TLS socket, and Angus Mail with {@code mail.imap.compress.enable}.
 * The tagged OK leaves uncompressed, everything after it is compressed both ways; a second COMPRESS
 * is NO [COMPRESSIONACTIVE]; an unknown algorithm is BAD; before authentication the command is refused
 * and not offered.
 */
class CompressTest extends ImapTestSupport {

    @Test
    void rawDeflateBothWaysAfterTheOk() throws Exception {
        Account account = account("compress-raw");
        String body = "A line of text that compresses well.\n".repeat(2000);
        append(inbox(account), simpleMessage("a@example.test", "big", body), Instant.now());
        try (LineClient client = connect()) {
            assertThat(command(client, "a", "COMPRESS DEFLATE").get(0)).startsWith("a BAD");
            assertThat(String.join(" ", command(client, "b", "CAPABILITY"))).doesNotContain("COMPRESS=DEFLATE");
        }
        try (LineClient client = login(account)) {
            assertThat(String.join(" ", command(client, "c", "CAPABILITY"))).contains("COMPRESS=DEFLATE");
            assertThat(command(client, "d", "COMPRESS X-UNKNOWN").get(0)).startsWith("d BAD");
            assertThat(command(client, "e", "COMPRESS DEFLATE")).containsExactly("e OK DEFLATE active");

            OutputStream out = new DeflaterOutputStream(client.socket().getOutputStream(),
                    new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
            CountingInputStream rawIn = new CountingInputStream(client.socket().getInputStream());
            // read octet by octet: a Reader would block on InflaterInputStream.available(), which is 1 until the end
            InputStream in = new InflaterInputStream(rawIn, new Inflater(true));

            List<String> selected = exchange(out, in, "f", "SELECT INBOX");
            assertThat(selected).contains("* 1 EXISTS").last().asString().startsWith("f OK");
            long before = rawIn.count;
            List<String> fetched = exchange(out, in, "g", "FETCH 1 BODY.PEEK[TEXT]");
            int octets = (body + "\n").replace("\n", "\r\n").length(); // simpleMessage ends the body with a line break
            assertThat(fetched.get(0)).isEqualTo("* 1 FETCH (BODY[TEXT] {" + octets + "}");
            assertThat(fetched).last().asString().isEqualTo("g OK FETCH completed");
            // the literal came compressed: far fewer octets on the wire than in the literal
            assertThat(rawIn.count - before).isLessThan(octets / 10);
            assertThat(exchange(out, in, "h", "COMPRESS DEFLATE"))
                    .containsExactly("h NO [COMPRESSIONACTIVE] DEFLATE is active already");
            assertThat(String.join(" ", exchange(out, in, "i", "CAPABILITY"))).doesNotContain("COMPRESS=DEFLATE");
            assertThat(exchange(out, in, "j", "LOGOUT")).contains("j OK LOGOUT completed");
        }
    }

    @Test
    void angusMailCompresses() throws Exception {
        Account account = account("compress-angus");
        Fixtures.seed(mailboxes, inbox(account));
        Properties properties = new Properties();
        properties.put("mail.imap.ssl.trust", "*");
        properties.put("mail.imap.ssl.checkserveridentity", "false");
        properties.put("mail.imap.starttls.enable", "true");
        properties.put("mail.imap.starttls.required", "true");
        properties.put("mail.imap.compress.enable", "true");
        properties.put("mail.imap.timeout", "20000");
        Session session = Session.getInstance(properties);
        ByteArrayOutputStream debug = new ByteArrayOutputStream();
        session.setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
        session.setDebug(true);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", port(), account.address(), PASSWORD);
            assertThat(((IMAPStore) store).hasCapability("COMPRESS=DEFLATE")).isTrue();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            assertThat(messages).hasSize(4);
            assertThat(messages[1].getSubject()).isEqualTo("afternoon meeting");
            assertThat((String) messages[1].getContent()).contains("meet at 3:30 tomorrow");
            inbox.close(false);
        }
        String log = debug.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("COMPRESS DEFLATE").contains("OK DEFLATE active");
    }

    private static List<String> exchange(OutputStream out, InputStream in, String tag, String command)
            throws Exception {
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine(in);
            lines.add(line);
            java.util.regex.Matcher literal = java.util.regex.Pattern.compile("\\{(\\d+)}$").matcher(line);
            if (literal.find()) {
                assertThat(in.readNBytes(Integer.parseInt(literal.group(1)))).hasSize(Integer.parseInt(literal.group(1)));
            }
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    private static String readLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertThat(b).as("end of stream").isNotNegative();
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
