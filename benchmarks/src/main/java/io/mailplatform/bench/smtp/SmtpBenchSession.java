package io.mailplatform.bench.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One SMTP session of a load driver: greeting and EHLO on opening, then transactions whose MAIL, RCPT
 * and DATA go in one write (RFC 2920 pipelining) and whose text and terminator go in a second.
 */
public final class SmtpBenchSession implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** The last line of the reply to the end of the data and how long it took after the terminator was written. */
    public record Reply(String line, long nanos) {
        public boolean accepted() {
            return line.startsWith("250");
        }
    }

    private SmtpBenchSession(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        expect("220");
        out.write("EHLO load.example\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect("250");
    }

    public static SmtpBenchSession open(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        try {
            return new SmtpBenchSession(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** MAIL, RCPT and DATA for one recipient, pipelined. */
    public static byte[] envelope(String from, String to, int size) {
        return ("MAIL FROM:<" + from + "> SIZE=" + size + "\r\nRCPT TO:<" + to + ">\r\nDATA\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One transaction: the envelope (see {@link #envelope}) must be answered 250, 250, 354, else an
     * IOException; {@code text} is the message with its terminating ".CRLF" (dot-stuffed if needed).
     */
    public Reply send(byte[] envelope, byte[] text) throws IOException {
        out.write(envelope);
        out.flush();
        expect("250");
        expect("250");
        expect("354");
        long sent = System.nanoTime();
        out.write(text);
        out.flush();
        String reply = reply();
        return new Reply(reply, System.nanoTime() - sent);
    }

    public void quit() throws IOException {
        out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reply();
    }

    private void expect(String code) throws IOException {
        String reply = reply();
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + " but got " + reply);
        }
    }

    /** Reads a whole reply (continuation lines included) and returns its last line. */
    private String reply() throws IOException {
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
