package io.mailplatform.delivery.spf;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A real UDP DNS server on 127.0.0.1 answering from records given by the test, or staying silent. */
final class StubDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, List<org.xbill.DNS.Record>> records = new ConcurrentHashMap<>();
    private final Set<Name> names = ConcurrentHashMap.newKeySet();
    private final Set<String> silent = new HashSet<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    StubDnsServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "stub-dns");
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    int queries() {
        return queries.get();
    }

    /** Adds a record given in zone-file syntax, e.g. {@code "example.org. 300 IN TXT \"v=spf1 -all\""}. */
    StubDnsServer add(String zoneLine) throws IOException {
        org.xbill.DNS.Record record = new org.xbill.DNS.Master(
                new java.io.ByteArrayInputStream(zoneLine.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Name.root).nextRecord();
        records.computeIfAbsent(key(record.getName(), record.getType()), k -> new ArrayList<>()).add(record);
        names.add(record.getName());
        return this;
    }

    /** Queries for this name are never answered (a timeout). */
    synchronized StubDnsServer silent(String name) {
        silent.add(name.toLowerCase(Locale.ROOT));
        return this;
    }

    private static String key(Name name, int type) {
        return name.toString().toLowerCase(Locale.ROOT) + "/" + type;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                queries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                org.xbill.DNS.Record question = query.getQuestion();
                synchronized (this) {
                    if (silent.contains(question.getName().toString(true).toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                }
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.RD);
                response.getHeader().setFlag(Flags.RA);
                response.addRecord(question, Section.QUESTION);
                List<org.xbill.DNS.Record> answer = records.get(key(question.getName(), question.getType()));
                if (answer == null) {
                    List<org.xbill.DNS.Record> cname = records.get(key(question.getName(), Type.CNAME));
                    if (cname != null) {
                        answer = cname;
                    }
                }
                if (answer != null) {
                    answer.forEach(r -> response.addRecord(r, Section.ANSWER));
                } else if (!names.contains(question.getName())) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
