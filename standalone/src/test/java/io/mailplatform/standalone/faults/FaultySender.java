package io.mailplatform.standalone.faults;

import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * An SMTP client that sends messages until told to stop, over the MX listener (unauthenticated,
 * local recipients) or the submission listener (STARTTLS and AUTH), with DATA or BDAT, to one or
 * several recipients, some of them aliases and lists; now and then it drops the connection in the
 * middle of the message. After a refusal it tries again with a new attempt, as a real client would.
 * Every attempt is recorded with its outcome.
 */
final class FaultySender implements Runnable {
    /** Recipient addresses and the accounts each stands for; the sets are disjoint, so any subset is a valid envelope. */
    private final Map<String, Set<String>> recipients;
    private final int mxPort;
    private final int submissionPort;
    private final String login;
    private final String password;
    private final Random random;
    private final BooleanSupplier running;
    private final double abortRate;
    final List<Attempt> attempts = new ArrayList<>();

    FaultySender(Map<String, Set<String>> recipients, int mxPort, int submissionPort, String login, String password,
            long seed, BooleanSupplier running, double abortRate) {
        this.recipients = recipients;
        this.mxPort = mxPort;
        this.submissionPort = submissionPort;
        this.login = login;
        this.password = password;
        this.random = new Random(seed);
        this.running = running;
        this.abortRate = abortRate;
    }

    @Override
    public void run() {
        while (running.getAsBoolean()) {
            boolean submission = random.nextInt(3) == 0;
            try (LineClient client = connect(submission)) {
                // a few messages per connection, as MTAs do
                for (int i = 1 + random.nextInt(3); i > 0 && running.getAsBoolean(); i--) {
                    Attempt attempt = send(client, submission);
                    attempts.add(attempt);
                    if (attempt.outcome() == Attempt.Outcome.ABORTED || attempt.outcome() == Attempt.Outcome.NO_REPLY) {
                        break;
                    }
                }
                client.send("QUIT");
            } catch (IOException e) {
                pause(); // the session was cut before a message began (e.g. 421): connect again
            }
        }
    }

    private LineClient connect(boolean submission) throws IOException {
        LineClient client = new LineClient("127.0.0.1", submission ? submissionPort : mxPort);
        expect(client.readLine(), "220");
        ehlo(client);
        if (submission) {
            client.send("STARTTLS");
            expect(client.readLine(), "220");
            client.startTls(Transcript.trustAll());
            ehlo(client);
            client.send("AUTH PLAIN " + Base64.getEncoder().encodeToString(("\0" + login + "\0" + password)
                    .getBytes(StandardCharsets.UTF_8)));
            expect(client.readLine(), "235");
        }
        return client;
    }

    private static void ehlo(LineClient client) throws IOException {
        client.send("EHLO sender.example.org");
        List<String> reply = client.readSmtpReply();
        expect(reply.get(reply.size() - 1), "250");
    }

    private static void expect(String reply, String code) throws IOException {
        if (reply == null || !reply.startsWith(code)) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }

    private Attempt send(LineClient client, boolean submission) throws IOException {
        String token = "F" + UUID.randomUUID().toString().replace("-", "");
        List<String> chosen = new ArrayList<>(recipients.keySet());
        java.util.Collections.shuffle(chosen, random);
        chosen = chosen.subList(0, 1 + random.nextInt(chosen.size()));
        String from = submission ? login : "sender@example.org";
        byte[] message = message(token, from, chosen);

        client.send("MAIL FROM:<" + from + ">");
        String mail = client.readLine();
        if (mail == null || !mail.startsWith("250")) {
            return refused(client, token, message, mail);
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (String recipient : chosen) {
            client.send("RCPT TO:<" + recipient + ">");
            String rcpt = client.readLine();
            if (rcpt != null && rcpt.startsWith("250")) {
                accounts.addAll(recipients.get(recipient));
            } else if (rcpt == null) {
                throw new IOException("connection closed at RCPT");
            }
        }
        if (accounts.isEmpty()) {
            return refused(client, token, message, "no recipient accepted");
        }
        boolean abort = random.nextDouble() < abortRate;
        String reply = random.nextBoolean() ? data(client, message, abort) : bdat(client, message, abort);
        if (abort) {
            client.socket().setSoLinger(true, 0); // a reset, as a crashed client or a cut network leaves it
            client.close();
            return new Attempt(token, message, accounts, Attempt.Outcome.ABORTED, null);
        }
        if (reply == null) {
            return new Attempt(token, message, accounts, Attempt.Outcome.NO_REPLY, null);
        }
        if (reply.startsWith("250")) {
            return new Attempt(token, message, accounts, Attempt.Outcome.ACCEPTED, reply);
        }
        pause();
        return new Attempt(token, message, accounts, Attempt.Outcome.REFUSED, reply);
    }

    private Attempt refused(LineClient client, String token, byte[] message, String reply) throws IOException {
        if (reply == null) {
            throw new IOException("connection closed");
        }
        client.send("RSET");
        client.readLine();
        pause();
        return new Attempt(token, message, Set.of(), Attempt.Outcome.REFUSED, reply);
    }

    /** DATA with dot-stuffing; aborting stops after part of the text. The reply to the end, or null. */
    private String data(LineClient client, byte[] message, boolean abort) throws IOException {
        client.send("DATA");
        String go = client.readLine();
        if (go == null || !go.startsWith("354")) {
            return go;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1);
        String stuffed = text.replace("\r\n.", "\r\n..");
        byte[] wire = stuffed.getBytes(StandardCharsets.ISO_8859_1);
        if (abort) {
            client.write(java.util.Arrays.copyOf(wire, 1 + random.nextInt(wire.length - 1)));
            return null;
        }
        client.write(wire);
        client.write(".\r\n");
        return readReply(client);
    }

    /** BDAT in one to three chunks, the last with LAST; aborting stops inside a chunk. */
    private String bdat(LineClient client, byte[] message, boolean abort) throws IOException {
        int chunks = 1 + random.nextInt(3);
        int start = 0;
        for (int i = 0; i < chunks; i++) {
            int end = i == chunks - 1 ? message.length : start + random.nextInt(message.length - start);
            boolean last = i == chunks - 1;
            client.write("BDAT " + (end - start) + (last ? " LAST" : "") + "\r\n");
            if (abort && (last || random.nextBoolean())) {
                client.write(java.util.Arrays.copyOfRange(message, start, start + (end - start) / 2));
                return null;
            }
            client.write(java.util.Arrays.copyOfRange(message, start, end));
            String reply = readReply(client);
            if (reply == null || !reply.startsWith("250") || last) {
                return reply;
            }
            start = end;
        }
        throw new IllegalStateException("unreachable");
    }

    private static String readReply(LineClient client) {
        try {
            return client.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] message(String token, String from, List<String> to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "From: <" + from + ">\r\nTo: " + String.join(", ", to) + "\r\nSubject: fault " + token
                + "\r\nMessage-ID: <" + token + "@faults.example>\r\n\r\n");
        int lines = 1 + random.nextInt(200);
        for (int i = 0; i < lines; i++) {
            // every few lines one that starts with a dot, so that dot-stuffing is exercised too
            write(out, (i % 17 == 5 ? "." : "") + token + " line " + i + " " + Long.toHexString(random.nextLong()) + "\r\n");
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void pause() {
        try {
            Thread.sleep(100 + random.nextInt(400));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
