package io.mailplatform.pop3.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import io.mailplatform.testsupport.Transcript;
import javax.net.ssl.SSLSocket;

/**
 * A raw POP3 client over a real socket, buffered so that megabytes of message text read quickly,
 * and byte-exact: {@link #retrieve} returns the message as sent, unstuffed, for comparing octets.
 */
public final class Pop3Client implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String greeting;

    private Pop3Client(Socket socket, boolean tls) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        if (tls) {
            upgrade();
        } else {
            streams();
        }
        this.greeting = readLine();
    }

    /** Connects to a plain listener. */
    public static Pop3Client plain(int port) throws IOException {
        return new Pop3Client(new Socket("127.0.0.1", port), false);
    }

    /**
     * Connects to a plain listener with a small receive buffer, set before connecting: when this
     * client stops reading, the server's writes soon stop too.
     */
    public static Pop3Client plain(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
        return new Pop3Client(socket, false);
    }

    /** Connects to an implicit-TLS listener (995). */
    public static Pop3Client tls(int port) throws IOException {
        return new Pop3Client(new Socket("127.0.0.1", port), true);
    }

    private void upgrade() throws IOException {
        SSLSocket tls = (SSLSocket) Transcript.trustAll().getSocketFactory().createSocket(socket, "127.0.0.1",
                socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        streams();
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    public String greeting() {
        return greeting;
    }

    /** The APOP timestamp of the greeting. */
    public String timestamp() {
        return greeting.substring(greeting.indexOf('<'), greeting.indexOf('>') + 1);
    }

    /** STLS and the TLS handshake. */
    public Pop3Client startTls() throws IOException {
        assertThat(command("STLS")).startsWith("+OK");
        upgrade();
        return this;
    }

    /** Sends a command and reads its status line. */
    public String command(String line) throws IOException {
        send(line);
        return readLine();
    }

    public Pop3Client send(String line) throws IOException {
        return write(line + "\r\n");
    }

    public Pop3Client write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** USER and PASS, expecting success. */
    public Pop3Client login(String user, String password) throws IOException {
        assertThat(command("USER " + user)).startsWith("+OK");
        assertThat(command("PASS " + password)).startsWith("+OK");
        return this;
    }

    /** The lines of a multi-line response up to the terminating ".", unstuffed. */
    public List<String> readMultiLine() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while (!(line = readLine()).equals(".")) {
            lines.add(line.startsWith(".") ? line.substring(1) : line);
        }
        return lines;
    }

    /** RETR: the status line, then the message octets exactly as sent (CRLFs kept, unstuffed). */
    public Retrieved retrieve(int message) throws IOException {
        String status = command("RETR " + message);
        if (!status.startsWith("+OK")) {
            return new Retrieved(status, null);
        }
        return new Retrieved(status, readBody());
    }

    /** The body of a multi-line response as octets: every line with its CRLF, unstuffed, without the final ".". */
    public byte[] readBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] line = readRawLine();
            if (line.length == 3 && line[0] == '.') {
                return body.toByteArray();
            }
            int from = line.length > 0 && line[0] == '.' ? 1 : 0;
            body.write(line, from, line.length - from);
        }
    }

    /** The status line and body of a RETR. */
    public record Retrieved(String status, byte[] body) {
    }

    /** One line without its CRLF. */
    public String readLine() throws IOException {
        byte[] line = readRawLine();
        int end = line.length >= 2 && line[line.length - 2] == '\r' ? line.length - 2 : line.length - 1;
        return new String(line, 0, Math.max(end, 0), StandardCharsets.UTF_8);
    }

    /** One line including its line ending. */
    private byte[] readRawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        throw new IOException("connection closed" + (line.size() > 0 ? " after '" + line + "'" : ""));
    }

    /** Whether the server closed the connection (reads until the end of the stream). */
    public boolean isClosedByServer() throws IOException {
        return in.read() == -1;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
