package io.mailplatform.bench.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the soak does: {@code rate} messages a second of {@code minSize} to {@code maxSize} octets for
 * {@code duration}, over {@code smtpSessions} sessions to the MX port, to {@code imapAccounts} accounts
 * read by an IMAP session each (IDLE, FETCH, STORE) and {@code pop3Accounts} accounts emptied by a POP3
 * client every {@code pop3Poll}; a sample every {@code interval}; then at most {@code drain} for the
 * last messages to arrive.
 */
public record SoakOptions(String host, int smtpPort, int imapPort, int pop3Port, String metricsUrl, Duration duration,
        double rate, int minSize, int maxSize, int smtpSessions, int imapAccounts, int pop3Accounts, String domain,
        String password, Duration interval, Duration pop3Poll, Duration drain, Path output) {

    static SoakOptions parse(String[] args) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            map.put(args[i].substring(2), args[i + 1]);
        }
        SoakOptions options = new SoakOptions(map.getOrDefault("host", "127.0.0.1"), integer(map, "smtp-port", 2525),
                integer(map, "imap-port", 2143), integer(map, "pop3-port", 2110),
                map.getOrDefault("metrics-url", "http://127.0.0.1:9090/actuator/prometheus"),
                Duration.ofSeconds(integer(map, "seconds", 60)), Double.parseDouble(map.getOrDefault("rate", "20")),
                integer(map, "min-size", 2048), integer(map, "max-size", 20480), integer(map, "smtp-sessions", 4),
                integer(map, "imap-accounts", 4), integer(map, "pop3-accounts", 2),
                map.getOrDefault("domain", "example.test"), map.getOrDefault("password", "soak-pass"),
                Duration.ofSeconds(integer(map, "interval", 10)), Duration.ofSeconds(integer(map, "pop3-poll", 2)),
                Duration.ofSeconds(integer(map, "drain", 120)), Path.of(map.getOrDefault("output", "target/soak")));
        if (options.rate <= 0 || options.minSize < 200 || options.maxSize < options.minSize || options.smtpSessions < 1
                || options.imapAccounts + options.pop3Accounts < 1) {
            throw new IllegalArgumentException("need rate > 0, 200 <= min-size <= max-size, sessions and accounts");
        }
        return options;
    }

    private static int integer(Map<String, String> map, String name, int fallback) {
        return Integer.parseInt(map.getOrDefault(name, Integer.toString(fallback)));
    }

    int accounts() {
        return imapAccounts + pop3Accounts;
    }

    /** Account {@code n}: the first {@code imapAccounts} are read over IMAP, the others over POP3. */
    String account(int n) {
        return "soak" + n + "@" + domain;
    }

    /** Messages the run can send at most, with room for a sender catching up. */
    int capacity() {
        return (int) Math.ceil(rate * duration.toSeconds()) + 16;
    }
}
