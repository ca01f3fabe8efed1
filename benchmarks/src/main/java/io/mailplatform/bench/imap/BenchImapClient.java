package io.mailplatform.bench.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal blocking IMAP client for benchmarks: sends a command and reads the responses up to its
 * tagged completion, reading literals by their octet count (so a body never confuses it).
 */
public final class BenchImapClient implements Closeable {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;
    private long bytesRead;

    BenchImapClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
        readLine();
    }

    static BenchImapClient login(String host, int port) throws IOException {
        return login(host, port, BenchImapServer.ADDRESS, BenchImapServer.PASSWORD, true);
    }

    /** Connects and logs in (LOGIN, so the server must allow it without TLS). */
    public static BenchImapClient login(String host, int port, String user, String password) throws IOException {
        return login(host, port, user, password, true);
    }

    /** A client logged in over a plain connection; {@code noDelay} false leaves Nagle's algorithm on. */
    static BenchImapClient login(String host, int port, String user, String password, boolean noDelay)
            throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(noDelay);
        BenchImapClient client = new BenchImapClient(socket);
        try {
            client.command("LOGIN " + user + " " + password);
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * APPEND with a synchronizing literal: the command line, the server's continuation request, then
     * the message and the closing CRLF, in two writes when {@code splitLineEnd} (as Python's imaplib
     * sends them) or in one.
     */
    List<String> append(String mailbox, String flags, byte[] message, boolean splitLineEnd) throws IOException {
        String t = "b" + (++tag);
        out.write((t + " APPEND " + mailbox + (flags.isEmpty() ? "" : " (" + flags + ")") + " {" + message.length
                + "}\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String ready = readLine();
        if (!ready.startsWith("+")) {
            throw new IOException("APPEND: " + ready);
        }
        if (splitLineEnd) {
            out.write(message);
            out.flush();
            out.write(CRLF);
        } else {
            byte[] whole = Arrays.copyOf(message, message.length + 2);
            whole[message.length] = '\r';
            whole[message.length + 1] = '\n';
            out.write(whole);
        }
        out.flush();
        return untilTagged(t, "APPEND");
    }

    /** Sends a command; returns its response lines (literal octets left out), the tagged line last. */
    public List<String> command(String command) throws IOException {
        String t = "b" + (++tag);
        out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return untilTagged(t, command);
    }

    /** The responses up to the tagged one of {@code t}, which must be OK. */
    private List<String> untilTagged(String t, String command) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            lines.add(line);
            if (line.startsWith(t + " ")) {
                if (!line.startsWith(t + " OK")) {
                    throw new IOException(command + ": " + line);
                }
                return lines;
            }
        }
    }

    /**
     * Starts IDLE (RFC 2177) and waits for the continuation; returns the lines before it. Read the
     * updates with {@link #readLine}, then end it with {@link #done}.
     */
    public List<String> idle() throws IOException {
        out.write(("b" + (++tag) + " IDLE\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.startsWith("+")) {
                return lines;
            }
            if (line.startsWith("b" + tag + " ")) {
                throw new IOException("IDLE: " + line);
            }
            lines.add(line);
        }
    }

    /** Ends IDLE; returns the lines up to its tagged completion, that last. */
    public List<String> done() throws IOException {
        send("DONE");
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            lines.add(line);
            if (line.startsWith("b" + tag + " ")) {
                if (!line.startsWith("b" + tag + " OK")) {
                    throw new IOException("IDLE: " + line);
                }
                return lines;
            }
        }
    }

    /** Sends raw text (e.g. IDLE's DONE) without waiting. */
    void send(String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One response line; a literal in it is consumed and left out of the text. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            bytesRead++;
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            int open = text.lastIndexOf('{');
            if (text.endsWith("}") && open >= 0) {
                long size = Long.parseLong(text.substring(open + 1, text.length() - 1));
                for (long skipped = 0; skipped < size; ) {
                    long n = in.skip(size - skipped);
                    if (n <= 0) {
                        if (in.read() < 0) {
                            throw new IOException("connection closed in a literal");
                        }
                        n = 1;
                    }
                    skipped += n;
                }
                bytesRead += size;
                line.reset();
                line.write(text.substring(0, open).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            return text;
        }
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
