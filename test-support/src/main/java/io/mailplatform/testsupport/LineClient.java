package io.mailplatform.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw CRLF line client for protocol transcripts: writes exactly the bytes given, reads lines as
 * the server sent them. Times out instead of hanging a test.
 */
public final class LineClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public LineClient(String host, int port) throws IOException {
        this(host, port, 0, null);
    }

    /**
     * @param receiveBufferSize the socket's receive buffer, set before connecting (so the window the
     *        client advertises stays that small): a client that stops reading then soon stops the
     *        server's writes; 0 for the system's default
     */
    public LineClient(String host, int port, int receiveBufferSize) throws IOException {
        this(host, port, receiveBufferSize, null);
    }

    /**
     * Connects from the given local address, e.g. 127.0.0.2 (any address of 127.0.0.0/8 is the
     * loopback interface on Linux), so a server can tell clients apart by address in one test.
     */
    public LineClient(String host, int port, InetAddress localAddress) throws IOException {
        this(host, port, 0, localAddress);
    }

    private LineClient(String host, int port, int receiveBufferSize, InetAddress localAddress) throws IOException {
        this.socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress(host, port), 15_000);
        this.socket.setSoTimeout(15_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Sends a line, appending CRLF. */
    public LineClient send(String line) throws IOException {
        return write(line + "\r\n");
    }

    /** Sends raw text as UTF-8, without adding anything. */
    public LineClient write(String raw) throws IOException {
        return write(raw.getBytes(StandardCharsets.UTF_8));
    }

    public LineClient write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /** Reads one line without its CRLF; null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Reads exactly {@code length} octets (a literal's content); fewer only at the end of the stream. */
    public byte[] readBytes(int length) throws IOException {
        return in.readNBytes(length);
    }

    /** Reads lines up to and including the first one that matches. */
    public List<String> readUntil(Predicate<String> last) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = readLine()) != null) {
            lines.add(line);
            if (last.test(line)) {
                return lines;
            }
        }
        throw new IOException("connection closed after " + lines);
    }

    /** Reads an SMTP reply (continuation lines {@code 250-...} up to the final {@code 250 ...}). */
    public List<String> readSmtpReply() throws IOException {
        return readUntil(line -> line.length() < 4 || line.charAt(3) != '-');
    }

    public boolean isClosedByServer() throws IOException {
        return in.read() == -1;
    }

    /** Upgrades the connection to TLS (after the server agreed to STARTTLS/STLS). */
    public void startTls(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, socket.getInetAddress().getHostAddress(),
                socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
    }

    /** Connects with implicit TLS (ports 465, 993, 995). */
    public static LineClient connectTls(String host, int port, SSLContext context) throws IOException {
        LineClient client = new LineClient(host, port);
        client.startTls(context);
        return client;
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
