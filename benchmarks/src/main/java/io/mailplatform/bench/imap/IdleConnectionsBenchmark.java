package io.mailplatform.bench.imap;

import io.mailplatform.testsupport.Transcript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * How many idle IMAP connections one instance holds in a 512 MiB heap, and what one costs. The
 * server runs in a child JVM ({@code -Xmx512m} unless given otherwise); this process opens
 * connections in steps, each logging in, selecting INBOX and entering IDLE, and after each step
 * asks the child for its heap in use after garbage collection. At the end one message is
 * delivered and a sample of the idle connections must report it (EXISTS) within seconds.
 *
 * <pre>
 * java -cp ... io.mailplatform.bench.imap.IdleConnectionsBenchmark [connections] [step] [plain|tls] [-Xmx of the server]
 * </pre>
 */
public final class IdleConnectionsBenchmark {
    private IdleConnectionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        boolean tls = args.length > 2 && args[2].equals("tls");
        String heap = args.length > 3 ? args[3] : "-Xmx512m";
        // the broker runs here, so only the IMAP service is in the measured heap
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", heap, "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), BenchImapServer.class.getName(),
                io.mailplatform.testsupport.TestKafka.bootstrapServers());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process server = builder.start();
        BufferedReader fromServer = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter toServer = new PrintWriter(new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8), true);
        String ready = awaitLine(fromServer, "READY ");
        int port = Integer.parseInt(ready.split(" ")[tls ? 2 : 1]);
        long baseline = heap(toServer, fromServer);
        System.out.printf(Locale.ROOT, "server %s, %s connections; heap in use with none: %.1f MiB%n", heap,
                tls ? "implicit-TLS" : "plain", baseline / 1048576.0);
        List<Socket> sockets = new ArrayList<>();
        List<BufferedReader> readers = new ArrayList<>();
        SSLContext trustAll = Transcript.trustAll();
        long start = System.nanoTime();
        try {
            while (sockets.size() < total) {
                int target = Math.min(total, sockets.size() + step);
                while (sockets.size() < target) {
                    Socket socket = tls ? trustAll.getSocketFactory().createSocket("127.0.0.1", port) : new Socket("127.0.0.1", port);
                    if (socket instanceof SSLSocket ssl) {
                        ssl.startHandshake();
                    }
                    socket.setSoTimeout(60_000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII));
                    in.readLine();
                    out.print("a LOGIN " + BenchImapServer.ADDRESS + " " + BenchImapServer.PASSWORD + "\r\nb SELECT INBOX\r\nc IDLE\r\n");
                    out.flush();
                    String line;
                    while (!(line = in.readLine()).startsWith("+ ")) {
                        if (line.startsWith("a NO") || line.startsWith("b NO") || line.startsWith("* BYE")) {
                            throw new IOException("connection " + sockets.size() + ": " + line);
                        }
                    }
                    sockets.add(socket);
                    readers.add(in);
                }
                long used = heap(toServer, fromServer);
                System.out.printf(Locale.ROOT, "%,6d idle connections: heap %7.1f MiB, %5.1f KiB per connection (%.0f s)%n",
                        sockets.size(), used / 1048576.0, (used - baseline) / 1024.0 / sockets.size(),
                        (System.nanoTime() - start) / 1e9);
            }
            toServer.println("deliver");
            awaitLine(fromServer, "DELIVERED");
            long delivered = System.nanoTime();
            int sample = Math.min(100, readers.size());
            for (int i = 0; i < sample; i++) {
                String line = readers.get(i * (readers.size() / sample)).readLine();
                if (!line.endsWith(" EXISTS")) {
                    throw new IOException("expected EXISTS, got " + line);
                }
            }
            System.out.printf(Locale.ROOT, "a delivery reached %d sampled idle sessions of %,d within %.2f s%n", sample,
                    readers.size(), (System.nanoTime() - delivered) / 1e9);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            toServer.println("quit");
            server.waitFor();
        }
        // the in-process broker's threads would keep this JVM alive
        System.exit(0);
    }

    private static long heap(PrintWriter toServer, BufferedReader fromServer) throws IOException {
        toServer.println("heap");
        return Long.parseLong(awaitLine(fromServer, "HEAP ").substring(5));
    }

    private static String awaitLine(BufferedReader in, String prefix) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("server ended before " + prefix.trim());
    }
}
