package io.mailplatform.delivery.spf;

import io.mailplatform.testsupport.dns.StubDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One stub DNS server per test JVM for the delivery tests, with the zones they use. */
public final class StubDnsServerAccess {
    private static StubDnsServer server;

    private StubDnsServerAccess() {
    }

    public static synchronized StubDnsServer server() {
        if (server == null) {
            try {
                server = StubDnsServer.start()
                        .add("pass.example. 300 IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"")
                        .add("fail.example. 300 IN TXT \"v=spf1 ip4:198.51.100.0/24 -all\"")
                        .add("soft.example. 300 IN TXT \"v=spf1 ip4:198.51.100.0/24 ~all\"")
                        .add("broken.example. 300 IN TXT \"v=spf1 ip4:192.0.2.300 -all\"")
                        .add("client.example.org. 300 IN TXT \"v=spf1 a -all\"")
                        .add("client.example.org. 300 IN A 192.0.2.1")
                        .silent("slow.example")
                        .silent("stalled.example");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    public static String address() {
        return server().address();
    }
}
