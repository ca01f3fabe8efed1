package io.mailplatform.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host name servers announce when none is configured. */
public final class HostNames {
    private HostNames() {
    }

    public static String local() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
