package io.mailplatform.bench.imap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Push latency across instances: the time from the SMTP gateway's {@code 250} to DATA until the
 * untagged EXISTS in an IMAP session idling on another imap-service instance (one that is not on
 * the delivery path: gateway → mail.inbound → delivery → PostgreSQL → mailbox.events → that
 * instance → the session re-reads the store). One message at a time, so each delay is measured
 * alone; prints p50, p90, p99 and the maximum. Run by {@code benchmarks/idle-latency.sh}.
 *
 * <pre>
 * java -cp ... io.mailplatform.bench.imap.IdleLatencyBenchmark imapHost imapPort smtpPort user password [messages] [warmup]
 * </pre>
 */
public final class IdleLatencyBenchmark {
    private IdleLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int imapPort = Integer.parseInt(args[1]);
        int smtpPort = Integer.parseInt(args[2]);
        String user = args[3];
        String password = args[4];
        int messages = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 50;
        try (BenchImapClient imap = BenchImapClient.login(host, imapPort, user, password);
                Smtp smtp = new Smtp(host, smtpPort)) {
            imap.command("SELECT INBOX");
            imap.idle();
            double[] millis = new double[messages];
            for (int i = -warmup; i < messages; i++) {
                long accepted = smtp.send(user, "idle latency " + i);
                String line;
                do {
                    line = imap.readLine();
                } while (!line.endsWith(" EXISTS"));
                long seen = System.nanoTime();
                if (i >= 0) {
                    millis[i] = (seen - accepted) / 1e6;
                }
            }
            imap.done();
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "SMTP 250 -> untagged EXISTS on the other instance, %d messages (after %d"
                    + " warm-up): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", messages, warmup,
                    percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), millis[messages - 1]);
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** One SMTP connection to the MX port (local recipients need no authentication); one message per transaction. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Smtp(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            reply("220");
            command("EHLO bench.example", "250");
        }

        /** Sends a message; returns System.nanoTime() when the 250 to its DATA arrived. */
        long send(String to, String subject) throws IOException {
            command("MAIL FROM:<bench@sender.example>", "250");
            command("RCPT TO:<" + to + ">", "250");
            command("DATA", "354");
            write("From: bench@sender.example\r\nTo: " + to + "\r\nSubject: " + subject
                    + "\r\nMessage-ID: <" + System.nanoTime() + "@sender.example>\r\n\r\nHello.\r\n.\r\n");
            reply("250");
            return System.nanoTime();
        }

        private void command(String line, String code) throws IOException {
            write(line + "\r\n");
            reply(code);
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Reads a (possibly multi-line) reply and checks its code. */
        private void reply(String code) throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("SMTP connection closed");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + line);
            }
        }

        @Override
        public void close() throws IOException {
            write("QUIT\r\n");
            socket.close();
        }
    }
}
