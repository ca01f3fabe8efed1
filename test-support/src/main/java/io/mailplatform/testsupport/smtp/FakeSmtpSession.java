package io.mailplatform.testsupport.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/** One connection to {@link FakeSmtpServer}: reads commands, answers as scripted, records. */
final class FakeSmtpSession {
    private static final int MAX_COMMAND_LINE = 64 * 1024;

    private final FakeSmtpServer server;
    private final FakeSmtpServer.Script script;
    private final FakeSmtpSessionLog log;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String heloName;
    private String authenticatedUser;
    private String mailFrom;
    private final List<String> recipients = new ArrayList<>();
    private Message bdatMessage;

    FakeSmtpSession(FakeSmtpServer server, FakeSmtpServer.Script script, Socket socket, FakeSmtpSessionLog log) {
        this.server = server;
        this.script = script;
        this.socket = socket;
        this.log = log;
    }

    /** Thrown to end the session (a disconnect, a silence that ended). */
    private static final class End extends Exception {
        private static final long serialVersionUID = 1L;
    }

    void run() {
        try {
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            respond("CONNECT", "220 " + script.hostname() + " ESMTP fake");
            String line;
            while ((line = readCommandLine()) != null) {
                command(line);
            }
        } catch (IOException | End e) {
            // the client or the script ended the session
        } finally {
            closeQuietly();
        }
    }

    private void command(String line) throws IOException, End {
        String upper = line.toUpperCase(Locale.ROOT);
        String argument = line.indexOf(' ') < 0 ? "" : line.substring(line.indexOf(' ') + 1);
        if (upper.startsWith("EHLO")) {
            heloName = argument;
            log.hello(argument, true);
            resetTransaction();
            respond("EHLO", script.ehloRefused() ? "500 5.5.1 command not recognized" : ehloReply());
        } else if (upper.startsWith("HELO")) {
            heloName = argument;
            log.hello(argument, false);
            resetTransaction();
            respond("HELO", "250 " + script.hostname());
        } else if (upper.equals("STARTTLS")) {
            startTls();
        } else if (upper.startsWith("AUTH ")) {
            authenticate(argument);
        } else if (upper.startsWith("MAIL FROM:")) {
            resetTransaction();
            if (respond("MAIL", "250 2.1.0 sender ok")) {
                mailFrom = line.substring("MAIL FROM:".length());
            }
        } else if (upper.startsWith("RCPT TO:")) {
            recipient(line.substring("RCPT TO:".length()));
        } else if (upper.equals("DATA")) {
            data();
        } else if (upper.startsWith("BDAT ")) {
            bdat(argument);
        } else if (upper.equals("RSET")) {
            resetTransaction();
            respond("RSET", "250 2.0.0 reset");
        } else if (upper.equals("NOOP")) {
            respond("NOOP", "250 2.0.0 ok");
        } else if (upper.equals("QUIT")) {
            respond("QUIT", "221 2.0.0 bye");
            throw new End();
        } else {
            write("500 5.5.2 command not recognized");
        }
    }

    private String ehloReply() {
        List<String> lines = new ArrayList<>();
        lines.add(script.hostname());
        for (String extension : script.extensions()) {
            String keyword = extension.toUpperCase(Locale.ROOT).split(" ")[0];
            if (keyword.equals("STARTTLS") && log.tls() || keyword.equals("AUTH") && !log.tls()) {
                continue; // RFC 3207 §4.2: no STARTTLS after TLS; credentials only over TLS
            }
            lines.add(extension);
        }
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
            if (i < lines.size() - 1) {
                reply.append('\n');
            }
        }
        return reply.toString();
    }

    private void startTls() throws IOException, End {
        if (!script.offers("STARTTLS") || log.tls()) {
            write("502 5.5.1 STARTTLS not available");
            return;
        }
        if (!respond("STARTTLS", "220 2.0.0 ready to start TLS")) {
            return;
        }
        if (script.brokenTls()) {
            if (in.read() < 0) { // the client's hello has arrived
                throw new End();
            }
            write("this is not TLS");
            return;
        }
        SSLSocket tls = (SSLSocket) script.tls().getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        socket = tls;
        in = new BufferedInputStream(tls.getInputStream()); // RFC 3207 §4.2: plaintext read ahead is dropped
        out = tls.getOutputStream();
        log.startedTls();
        heloName = null;
        resetTransaction();
    }

    private void authenticate(String argument) throws IOException, End {
        String[] words = argument.split(" ");
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        String user;
        String secret;
        if (mechanism.equals("PLAIN")) {
            String response = words.length > 1 ? words[1] : challenge("");
            String[] parts = decode(response).split("\0", -1);
            if (parts.length != 3) {
                write("501 5.5.2 malformed PLAIN response");
                return;
            }
            user = parts[1];
            secret = parts[2];
        } else if (mechanism.equals("LOGIN")) {
            user = decode(challenge("VXNlcm5hbWU6"));
            secret = decode(challenge("UGFzc3dvcmQ6"));
        } else {
            write("504 5.5.4 mechanism not supported");
            return;
        }
        if (!log.tls() || script.username() == null || !script.username().equals(user) || !script.password().equals(secret)) {
            write("535 5.7.8 authentication credentials invalid");
            return;
        }
        if (respond("AUTH", "235 2.7.0 authentication succeeded")) {
            authenticatedUser = user;
            log.authenticated(user);
        }
    }

    private String challenge(String text) throws IOException, End {
        write("334 " + text);
        String response = readLine(MAX_COMMAND_LINE);
        if (response == null) {
            throw new End();
        }
        log.command(new ReceivedCommand("***", false));
        return response;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void recipient(String argument) throws IOException, End {
        if (mailFrom == null) {
            write("503 5.5.1 MAIL first");
            return;
        }
        int open = argument.indexOf('<');
        int close = argument.indexOf('>', open + 1);
        String address = open < 0 || close < 0 ? argument : argument.substring(open + 1, close);
        FakeResponse special = script.recipientResponses().get(address.toLowerCase(Locale.ROOT));
        boolean accepted = special != null ? answer(special) : respond("RCPT", "250 2.1.5 recipient ok");
        if (accepted) {
            recipients.add(argument);
        }
    }

    private void data() throws IOException, End {
        if (mailFrom == null || recipients.isEmpty()) {
            write("554 5.5.1 no valid recipients");
            return;
        }
        if (!respond("DATA", "354 end data with <CR><LF>.<CR><LF>")) {
            return;
        }
        int number = server.nextMessageNumber();
        Message message = new Message(script.keepContent(), server);
        long dropAfter = number == 1 ? script.dropDuringDataAfter() : -1;
        boolean pausedOnce = false;
        while (true) {
            byte[] line = readRawLine();
            if (line == null) {
                throw new End();
            }
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                break;
            }
            int skip = line.length > 0 && line[0] == '.' ? 1 : 0; // RFC 5321 §4.5.2
            message.line(line, skip);
            if (dropAfter >= 0 && message.size >= dropAfter) {
                throw new End();
            }
            if (!pausedOnce && script.pauseDataAfter() >= 0 && message.size >= script.pauseDataAfter()) {
                pausedOnce = true;
                server.pause();
            }
        }
        finish(message, number, false);
    }

    private void bdat(String argument) throws IOException, End {
        String[] words = argument.trim().split(" +");
        long size;
        try {
            size = Long.parseLong(words[0]);
        } catch (NumberFormatException e) {
            write("501 5.5.4 BDAT needs a size");
            return;
        }
        boolean last = words.length > 1 && words[1].equalsIgnoreCase("LAST");
        byte[] chunk = in.readNBytes((int) size);
        if (chunk.length < size) {
            throw new End();
        }
        if (mailFrom == null || recipients.isEmpty()) {
            write("503 5.5.1 no valid recipients");
            return;
        }
        if (bdatMessage == null) {
            bdatMessage = new Message(script.keepContent(), server);
        }
        bdatMessage.chunk(chunk);
        if (!last) {
            respond("BDAT", "250 2.0.0 " + size + " octets received");
            return;
        }
        Message message = bdatMessage;
        bdatMessage = null;
        finish(message, server.nextMessageNumber(), true);
    }

    private void finish(Message message, int number, boolean bdat) throws IOException, End {
        FakeResponse scripted = script.responses().get("DATA-END");
        String reply = number <= script.tempFailFirst() ? "451 4.3.0 try again later"
                : scripted instanceof FakeResponse.Reply text ? text.text() : "250 2.0.0 queued as " + number;
        server.record(new ReceivedTransaction(heloName, log.tls(), authenticatedUser, mailFrom, List.copyOf(recipients),
                message.content(), message.size, message.sha256(), bdat, message.strayLineEnds, message.longestLine,
                reply));
        resetTransaction();
        if (number > script.tempFailFirst() && scripted != null && !(scripted instanceof FakeResponse.Reply)) {
            answer(scripted);
        } else {
            write(reply);
        }
    }

    private void resetTransaction() {
        mailFrom = null;
        recipients.clear();
        bdatMessage = null;
    }

    /** Answers with the scripted response for the verb, or the default; true if the answer was positive. */
    private boolean respond(String verb, String defaultReply) throws IOException, End {
        FakeResponse scripted = script.responses().get(verb);
        return answer(scripted == null ? FakeResponse.reply(defaultReply) : scripted);
    }

    private boolean answer(FakeResponse response) throws IOException, End {
        if (response instanceof FakeResponse.Reply reply) {
            write(reply.text());
            return reply.text().startsWith("2") || reply.text().startsWith("3");
        }
        if (response instanceof FakeResponse.Raw raw) {
            out.write(raw.text().getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!raw.thenSilent()) {
                return false;
            }
        }
        if (response instanceof FakeResponse.Silence || response instanceof FakeResponse.Raw) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        throw new End();
    }

    private void write(String reply) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : reply.split("\n")) {
            text.append(line).append("\r\n");
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String readCommandLine() throws IOException {
        String line = readLine(MAX_COMMAND_LINE);
        if (line != null) {
            log.command(new ReceivedCommand(line, in.available() > 0));
        }
        return line;
    }

    /** A line without its line end, decoded as UTF-8; null at the end of input. */
    private String readLine(int max) throws IOException {
        byte[] raw = readRawLine();
        if (raw == null) {
            return null;
        }
        int length = raw.length;
        while (length > 0 && (raw[length - 1] == '\n' || raw[length - 1] == '\r')) {
            length--;
        }
        if (length > max) {
            throw new IOException("command line too long");
        }
        return new String(raw, 0, length, StandardCharsets.UTF_8);
    }

    /** A line with its line end (LF, or CRLF); null at the end of input. */
    private byte[] readRawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** A message as it arrives: its octets (if kept), size, digest and what was odd about its lines. */
    private static final class Message {
        private final ByteArrayOutputStream content;
        private final MessageDigest digest;
        private final FakeSmtpServer server;
        private long size;
        private boolean strayLineEnds;
        private long longestLine;

        Message(boolean keep, FakeSmtpServer server) {
            this.server = server;
            content = keep ? new ByteArrayOutputStream() : null;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void line(byte[] line, int skip) {
            int end = line.length;
            boolean crlf = end >= 2 && line[end - 2] == '\r' && line[end - 1] == '\n';
            if (!crlf && end > 0 && line[end - 1] == '\n') {
                strayLineEnds = true;
            }
            for (int i = 0; i < end - (crlf ? 2 : 0); i++) {
                if (line[i] == '\r') {
                    strayLineEnds = true;
                }
            }
            longestLine = Math.max(longestLine, end - (crlf ? 2 : 1));
            append(line, skip, end - skip);
        }

        void chunk(byte[] chunk) {
            append(chunk, 0, chunk.length);
        }

        private void append(byte[] octets, int offset, int length) {
            if (content != null) {
                content.write(octets, offset, length);
            }
            digest.update(octets, offset, length);
            size += length;
            server.received(length);
        }

        byte[] content() {
            return content == null ? null : content.toByteArray();
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
