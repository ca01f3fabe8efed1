package io.mailplatform.testsupport.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A remote SMTP server for tests of the relay's client: real sockets on 127.0.0.1, one thread per
 * connection, scripted per test. It announces the EHLO keywords it is given, answers every command
 * as a plain server would unless told otherwise ({@link Builder#on}, {@link Builder#onRecipient}),
 * can fail the first transactions temporarily, drop or stall in the middle of DATA, do STARTTLS
 * with a given certificate and check AUTH PLAIN/LOGIN. It records every session and every
 * transaction (envelope and the exact octets after dot-unstuffing) for assertions; a transaction is
 * recorded before it is answered, so it is there once the client has the reply.
 *
 * <p>Verbs for {@link Builder#on}: {@code CONNECT} (the greeting), {@code EHLO}, {@code HELO},
 * {@code STARTTLS}, {@code AUTH}, {@code MAIL}, {@code RCPT}, {@code DATA} (the reply to DATA),
 * {@code DATA-END} (the reply after the final dot or the last BDAT), {@code BDAT} (each chunk),
 * {@code RSET}, {@code NOOP}, {@code QUIT}.
 */
public final class FakeSmtpServer implements AutoCloseable {
    private final Script script;
    private final ServerSocket listener;
    private final List<FakeSmtpSessionLog> sessions = new CopyOnWriteArrayList<>();
    private final List<ReceivedTransaction> transactions = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicLong messageOctets = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch resumed = new CountDownLatch(1);
    private volatile boolean paused;

    /**
     * The script of a server; see the builder's methods.
     */
    record Script(String hostname, List<String> extensions, boolean ehloRefused, SSLContext tls, boolean brokenTls,
            String username,
            String password, Map<String, FakeResponse> responses, Map<String, FakeResponse> recipientResponses,
            int tempFailFirst, long dropDuringDataAfter, long pauseDataAfter, boolean keepContent) {

        boolean offers(String keyword) {
            return extensions.stream().anyMatch(e -> e.toUpperCase(Locale.ROOT).split(" ")[0].equals(keyword));
        }
    }

    private FakeSmtpServer(Script script, int receiveBufferSize, InetSocketAddress bind) throws IOException {
        this.script = script;
        this.listener = new ServerSocket();
        if (receiveBufferSize > 0) {
            listener.setReceiveBufferSize(receiveBufferSize); // inherited by accepted sockets, so set before bind
        }
        listener.bind(bind);
        Thread acceptor = new Thread(this::accept, "fake-smtp-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), port());
    }

    /** Every connection so far, in the order accepted. */
    public List<FakeSmtpSessionLog> sessions() {
        return List.copyOf(sessions);
    }

    /** Every transaction that reached the end of its message, accepted or not, in order. */
    public List<ReceivedTransaction> transactions() {
        return List.copyOf(transactions);
    }

    /** The transactions whose message was accepted. */
    public List<ReceivedTransaction> accepted() {
        return transactions.stream().filter(ReceivedTransaction::accepted).toList();
    }

    /** Message octets read so far (after unstuffing), over all transactions, as they arrive. */
    public long messageOctetsReceived() {
        return messageOctets.get();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;
            }
            open.add(socket);
            FakeSmtpSessionLog log = new FakeSmtpSessionLog();
            sessions.add(log);
            FakeSmtpSession session = new FakeSmtpSession(this, script, socket, log);
            Thread thread = new Thread(() -> {
                try {
                    session.run();
                } finally {
                    log.end();
                    open.remove(socket);
                }
            }, "fake-smtp-session-" + socket.getPort());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Numbers each message that reached its end: the first is 1. */
    int nextMessageNumber() {
        return messages.incrementAndGet();
    }

    void received(long octets) {
        messageOctets.addAndGet(octets);
    }

    void record(ReceivedTransaction transaction) {
        transactions.add(transaction);
    }

    /** Whether a session has stopped reading DATA ({@link Builder#pauseDataAfter}). */
    public boolean dataPaused() {
        return paused;
    }

    /** Lets paused sessions read on. */
    public void resumeData() {
        resumed.countDown();
    }

    /** Blocks a session that pauses until {@link #resumeData()} or close. */
    void pause() {
        paused = true;
        try {
            while (!resumed.await(10, TimeUnit.MILLISECONDS)) {
                if (closed.getCount() == 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            paused = false;
        }
    }

    /** The script of a fake server. */
    public static final class Builder {
        private String hostname = "fake.example.test";
        private final List<String> extensions = new ArrayList<>();
        private boolean ehloRefused;
        private SSLContext tls;
        private boolean brokenTls;
        private String username;
        private String password;
        private final Map<String, FakeResponse> responses = new HashMap<>();
        private final Map<String, FakeResponse> recipientResponses = new HashMap<>();
        private int tempFailFirst;
        private long dropDuringDataAfter = -1;
        private long pauseDataAfter = -1;
        private boolean keepContent = true;
        private int receiveBufferSize;
        private InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

        private Builder() {
        }

        /**
         * Listens on this address and port instead of a free port of 127.0.0.1: several fake servers
         * on one port at 127.0.0.2, 127.0.0.3 ... stand for the MX hosts of a domain.
         */
        public Builder bind(InetAddress address, int port) {
            this.bind = new InetSocketAddress(address, port);
            return this;
        }

        /** The name in the greeting and the EHLO reply. */
        public Builder hostname(String name) {
            this.hostname = name;
            return this;
        }

        /**
         * EHLO keywords to announce, with parameters: {@code "PIPELINING"}, {@code "SIZE 1000"},
         * {@code "8BITMIME"}, {@code "SMTPUTF8"}, {@code "DSN"}, {@code "STARTTLS"} (needs {@link #tls}),
         * {@code "AUTH PLAIN LOGIN"} (needs {@link #credentials}; shown only after STARTTLS),
         * {@code "CHUNKING"}, {@code "BINARYMIME"}, {@code "ENHANCEDSTATUSCODES"}. None by default.
         */
        public Builder extensions(String... keywords) {
            extensions.addAll(List.of(keywords));
            return this;
        }

        /** EHLO gets {@code 500}: a server that speaks HELO only. */
        public Builder ehloRefused() {
            this.ehloRefused = true;
            return this;
        }

        /** The server side of STARTTLS. */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /** STARTTLS gets 220, then plaintext garbage instead of a TLS handshake. */
        public Builder brokenTls() {
            this.brokenTls = true;
            return this;
        }

        /** The one user AUTH accepts. */
        public Builder credentials(String user, String secret) {
            this.username = user;
            this.password = secret;
            return this;
        }

        /** Replaces the reply to every command with this verb (see the class comment for verbs). */
        public Builder on(String verb, FakeResponse response) {
            responses.put(verb.toUpperCase(Locale.ROOT), response);
            return this;
        }

        /** Replaces the reply to RCPT for one address (compared case-insensitively). */
        public Builder onRecipient(String address, FakeResponse response) {
            recipientResponses.put(address.toLowerCase(Locale.ROOT), response);
            return this;
        }

        /** The first {@code count} messages (over all connections) get {@code 451 4.3.0} at their end. */
        public Builder tempFailFirst(int count) {
            this.tempFailFirst = count;
            return this;
        }

        /** Closes the connection once this many octets of the first message's DATA have arrived. */
        public Builder dropDuringData(long afterOctets) {
            this.dropDuringDataAfter = afterOctets;
            return this;
        }

        /**
         * Stops reading once this many octets of a message's DATA have arrived, until
         * {@link FakeSmtpServer#resumeData()} or close; {@link FakeSmtpServer#dataPaused()} tells when.
         */
        public Builder pauseDataAfter(long octets) {
            this.pauseDataAfter = octets;
            return this;
        }

        /** Keeps only the size and digest of messages, not their octets (for large ones). */
        public Builder discardContent() {
            this.keepContent = false;
            return this;
        }

        /** A small receive buffer on the server's sockets, so that a client soon feels it stop reading. */
        public Builder receiveBufferSize(int octets) {
            this.receiveBufferSize = octets;
            return this;
        }

        public FakeSmtpServer start() throws IOException {
            return new FakeSmtpServer(new Script(hostname, List.copyOf(extensions), ehloRefused, tls, brokenTls, username, password,
                    Map.copyOf(responses), Map.copyOf(recipientResponses), tempFailFirst, dropDuringDataAfter,
                    pauseDataAfter, keepContent), receiveBufferSize, bind);
        }
    }
}
