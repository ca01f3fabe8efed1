package io.mailplatform.bench.pop3;

import io.mailplatform.testsupport.Transcript;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/** A minimal POP3 client for the benchmark: buffered, counts octets, keeps no message in memory. */
public final class Pop3BenchClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] line = new byte[64 * 1024];
    private final byte[] buffer = new byte[256 * 1024];
    private int position;
    private int limit;

    /** One measured session: messages retrieved, message octets (unstuffed, as LIST counts them), time of the RETRs. */
    record Round(int messages, long octets, long nanos) {
    }

    private Pop3BenchClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        expectOk(readLine());
    }

    static Pop3BenchClient plain(int port) throws IOException {
        return plain("127.0.0.1", port);
    }

    public static Pop3BenchClient plain(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        try {
            return new Pop3BenchClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** What {@link #retrieveAndDelete} tells about each message: its Subject and the time of its RETR. */
    @FunctionalInterface
    public interface Retrieved {
        void message(String subject, long retrNanos);
    }

    /**
     * Logs in, retrieves each message with RETR (one at a time), marks it deleted with DELE and quits,
     * which removes them (RFC 1939 UPDATE state); returns how many there were.
     */
    public int retrieveAndDelete(String user, String password, Retrieved retrieved) throws IOException {
        try (this) {
            login(user, password);
            String stat = command("STAT");
            expectOk(stat);
            int count = Integer.parseInt(stat.split(" ")[1]);
            for (int i = 1; i <= count; i++) {
                long start = System.nanoTime();
                out.write(("RETR " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String subject = readSubject();
                retrieved.message(subject, System.nanoTime() - start);
                expectOk(command("DELE " + i));
            }
            expectOk(command("QUIT"));
            return count;
        }
    }

    static Pop3BenchClient tls(int port) throws IOException {
        SSLSocket socket = (SSLSocket) Transcript.trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new Pop3BenchClient(socket);
    }

    /** The time from connecting to the answer to PASS. */
    static long timeLogin(int port, String user, String password) throws IOException {
        long start = System.nanoTime();
        try (Pop3BenchClient client = plain(port)) {
            client.login(user, password);
            long nanos = System.nanoTime() - start;
            client.command("QUIT");
            return nanos;
        }
    }

    /** Logs in, retrieves every message (pipelined or one at a time), quits without deleting. */
    Round retrieveAll(String user, String password, boolean pipelined) throws IOException {
        try (this) {
            login(user, password);
            String stat = command("STAT");
            int count = Integer.parseInt(stat.split(" ")[1]);
            long start = System.nanoTime();
            long octets = 0;
            if (pipelined) {
                StringBuilder commands = new StringBuilder();
                for (int i = 1; i <= count; i++) {
                    commands.append("RETR ").append(i).append("\r\n");
                }
                // the commands fit in the socket buffers (about 12 KB for 1,000), so one write cannot block
                out.write(commands.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 1; i <= count; i++) {
                    octets += readMessage();
                }
            } else {
                for (int i = 1; i <= count; i++) {
                    out.write(("RETR " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    octets += readMessage();
                }
            }
            long nanos = System.nanoTime() - start;
            command("QUIT");
            return new Round(count, octets, nanos);
        }
    }

    /**
     * Logs in, retrieves messages 1..min(limit, count) one at a time and quits without deleting;
     * returns the time of each RETR, from its write to the end of its answer.
     */
    long[] retrieveEach(String user, String password, int limit) throws IOException {
        login(user, password);
        String stat = command("STAT");
        expectOk(stat);
        long[] nanos = new long[Math.min(limit, Integer.parseInt(stat.split(" ")[1]))];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            out.write(("RETR " + (i + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readMessage();
            nanos[i] = System.nanoTime() - start;
        }
        expectOk(command("QUIT"));
        return nanos;
    }

    /** Reads a RETR answer; returns its Subject field's value ("" without one). */
    private String readSubject() throws IOException {
        expectOk(readLine());
        String subject = "";
        boolean inHeader = true;
        while (true) {
            int length = readRaw();
            if (length == 3 && line[0] == '.') {
                return subject;
            }
            if (inHeader) {
                String text = new String(line, 0, Math.max(0, length - 2), StandardCharsets.US_ASCII);
                inHeader = !text.isEmpty();
                if (text.regionMatches(true, 0, "Subject:", 0, 8)) {
                    subject = text.substring(8).trim();
                }
            }
        }
    }

    private void login(String user, String password) throws IOException {
        expectOk(command("USER " + user));
        expectOk(command("PASS " + password));
    }

    /** Reads a RETR answer; returns the message octets (stuffing removed). */
    private long readMessage() throws IOException {
        expectOk(readLine());
        long octets = 0;
        while (true) {
            int length = readRaw();
            if (length == 3 && line[0] == '.') {
                return octets;
            }
            octets += line[0] == '.' ? length - 1 : length;
        }
    }

    private String command(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readLine();
    }

    private String readLine() throws IOException {
        int length = readRaw();
        return new String(line, 0, Math.max(0, length - 2), StandardCharsets.US_ASCII);
    }

    /** Reads one line with its CRLF into {@link #line}; returns its length. Scans a large buffer, as real clients do. */
    private int readRaw() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    throw new IOException("connection closed");
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean complete = position < limit;
            if (complete) {
                position++;
            }
            System.arraycopy(buffer, start, line, length, position - start);
            length += position - start;
            if (complete) {
                return length;
            }
        }
    }

    private static void expectOk(String answer) {
        if (!answer.startsWith("+OK")) {
            throw new IllegalStateException("server answered " + answer);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
