package io.mailplatform.standalone.faults;

import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IMAP session that changes one account's mailboxes while mail arrives and faults strike: it
 * flags messages in INBOX, copies them to a second mailbox and there deletes and expunges them.
 * It never removes anything from INBOX nor copies into it, so deliveries can be counted there afterwards. It records
 * what a client must never see: UIDs out of order in a FETCH response, and an EXPUNGE inside the
 * response to a FETCH by sequence number (RFC 9051 §7.5.1).
 */
final class ImapChurn implements Runnable {
    static final String ARCHIVE = "Archive";
    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH \\(.*UID (\\d+).*");
    private static final Pattern UID_FLAGS = Pattern.compile("^\\* \\d+ FETCH \\((?:UID (\\d+) FLAGS \\(([^)]*)\\)|FLAGS \\(([^)]*)\\) UID (\\d+))\\)");
    private static final String[] FLAGS = {"\\Seen", "\\Flagged", "\\Answered", "$Label1", "$Label2"};

    private final int port;
    private final String login;
    private final String password;
    private final Random random;
    private final BooleanSupplier running;
    final List<String> violations = new ArrayList<>();
    int commands;
    int refusals;
    private int tag;
    private volatile LineClient session;

    ImapChurn(int port, String login, String password, long seed, BooleanSupplier running) {
        this.port = port;
        this.login = login;
        this.password = password;
        this.random = new Random(seed);
        this.running = running;
    }

    static LineClient login(int port, String login, String password) throws IOException {
        LineClient client = new LineClient("127.0.0.1", port);
        client.readLine();
        client.send("s STARTTLS");
        client.readUntil(line -> line.startsWith("s "));
        client.startTls(Transcript.trustAll());
        client.send("l LOGIN " + login + " \"" + password + "\"");
        String done = last(client.readUntil(line -> line.startsWith("l ")));
        if (!done.startsWith("l OK")) {
            throw new IOException("login failed: " + done);
        }
        return client;
    }

    /** Churns until told to stop; the session it ends with stays open for {@link #finalView()}. */
    @Override
    public void run() {
        while (running.getAsBoolean()) {
            try {
                LineClient client = login(port, login, password);
                session = client;
                while (running.getAsBoolean()) {
                    step(client);
                }
            } catch (IOException e) {
                // a login refused while PostgreSQL was cut off, or the session closed: a client reconnects
                closeQuietly();
                sleep(200);
            }
        }
    }

    /** UID and flags of each message of INBOX and the archive as the open session sees them at the end; then logs out. */
    Map<String, Map<Long, String>> finalView() throws IOException {
        LineClient client = session != null ? session : login(port, login, password);
        try (client) {
            Map<String, Map<Long, String>> view = new TreeMap<>();
            for (String mailbox : List.of("INBOX", ARCHIVE)) {
                view.put(mailbox, flags(client, mailbox));
            }
            client.send("z LOGOUT");
            client.readUntil(line -> line.startsWith("z "));
            return view;
        } finally {
            session = null;
        }
    }

    private void closeQuietly() {
        if (session != null) {
            try {
                session.close();
            } catch (IOException e) {
                // already gone
            }
            session = null;
        }
    }

    private void step(LineClient client) throws IOException {
        String mailbox = random.nextInt(3) == 0 ? ARCHIVE : "INBOX";
        if (!ok(command(client, "SELECT " + mailbox))) {
            sleep(100);
            return;
        }
        int exists = checkFetch(mailbox, command(client, "FETCH 1:* (UID FLAGS)"));
        if (exists == 0) {
            return;
        }
        String set = (1 + random.nextInt(exists)) + ":" + (1 + random.nextInt(exists));
        String flag = FLAGS[random.nextInt(FLAGS.length)];
        switch (random.nextInt(4)) {
            case 0 -> command(client, "STORE " + set + (random.nextBoolean() ? " +FLAGS (" : " -FLAGS (") + flag + ")");
            case 1 -> command(client, "COPY " + set + " " + ARCHIVE); // never into INBOX, where deliveries are counted
            case 2 -> {
                if (mailbox.equals(ARCHIVE)) {
                    command(client, "STORE " + set + " +FLAGS.SILENT (\\Deleted)");
                    command(client, "EXPUNGE");
                } else {
                    command(client, "UID STORE 1:* +FLAGS.SILENT (" + flag + ")");
                }
            }
            default -> command(client, "NOOP");
        }
    }

    /**
     * In a FETCH response UIDs ascend with the sequence numbers and a sequence number names one
     * message only, and no EXPUNGE comes inside it. Lines may come in any order (flag changes of
     * the other session are reported among them), so the check is on the numbers, not the order.
     */
    private int checkFetch(String mailbox, List<String> response) {
        TreeMap<Integer, Long> uidBySequence = new TreeMap<>();
        for (String line : response) {
            if (line.matches("^\\* \\d+ EXPUNGE$")) {
                violations.add("EXPUNGE during FETCH in " + mailbox + ": " + line);
            }
            Matcher fetch = FETCH.matcher(line);
            if (fetch.matches()) {
                int sequence = Integer.parseInt(fetch.group(1));
                long uid = Long.parseLong(fetch.group(2));
                Long earlier = uidBySequence.put(sequence, uid);
                if (earlier != null && earlier != uid) {
                    violations.add("message " + sequence + " of " + mailbox + " is UID " + earlier + " and " + uid);
                }
            }
        }
        long lastUid = 0;
        for (Map.Entry<Integer, Long> entry : uidBySequence.entrySet()) {
            if (entry.getValue() <= lastUid) {
                violations.add("UID " + entry.getValue() + " of message " + entry.getKey() + " after UID " + lastUid + " in "
                        + mailbox);
            }
            lastUid = entry.getValue();
        }
        return uidBySequence.size();
    }

    private List<String> command(LineClient client, String command) throws IOException {
        String t = "c" + (++tag);
        client.send(t + " " + command);
        List<String> response = client.readUntil(line -> line.startsWith(t + " ") || line.startsWith("* BYE"));
        commands++;
        if (!ok(response)) {
            refusals++;
        }
        if (last(response).startsWith("* BYE")) {
            throw new IOException("server closed the session: " + last(response));
        }
        return response;
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static boolean ok(List<String> response) {
        return last(response).matches("^\\S+ OK.*");
    }

    /** The UID and flags of every message of the mailbox, as this session sees them after a NOOP. */
    static Map<Long, String> flags(LineClient client, String mailbox) throws IOException {
        client.send("x1 SELECT " + mailbox);
        client.readUntil(line -> line.startsWith("x1 "));
        client.send("x2 UID FETCH 1:* (FLAGS)");
        Map<Long, String> flags = new TreeMap<>();
        for (String line : client.readUntil(line -> line.startsWith("x2 "))) {
            Matcher m = UID_FLAGS.matcher(line);
            if (m.find()) {
                long uid = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(4));
                String list = m.group(2) != null ? m.group(2) : m.group(3);
                flags.put(uid, normalized(list));
            }
        }
        return flags;
    }

    private static String normalized(String flagList) {
        return String.join(" ", new java.util.TreeSet<>(List.of(flagList.replace("\\Recent", "").trim().split("\\s+"))))
                .trim();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
