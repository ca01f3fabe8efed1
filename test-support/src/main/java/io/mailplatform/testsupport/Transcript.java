package io.mailplatform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.DynamicTest;

/**
 * A protocol transcript as data (STYLE.md §4), run over a real socket:
 * <pre>
 * # a comment
 * &#64;listener submission     which listener to connect to (default: the first one the test offers)
 * C: EHLO client.test          a line the client sends (CRLF added); consecutive C: lines go out in one write
 * S: 250-mx.example.test       a line the server must send, exactly
 * S~ 250-SIZE \d+              a line the server must send, matching the regular expression
 * S~ \* 1 FETCH \((?&lt;id&gt;\w+)\) a named group captures what it matched: ${id} in a later line stands for it
 * !starttls                    upgrade the connection to TLS (the server's certificate is not checked)
 * !closed                      the server must have closed the connection
 * </pre>
 */
public final class Transcript {
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-zA-Z][a-zA-Z0-9]*)}");
    private final String name;
    private final String listener;
    private final List<String> steps;

    private Transcript(String name, String listener, List<String> steps) {
        this.name = name;
        this.listener = listener;
        this.steps = steps;
    }

    public static Transcript parse(String name, List<String> lines) {
        String listener = null;
        List<String> steps = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@listener ")) {
                listener = line.substring("@listener ".length()).trim();
            } else if (line.startsWith("C: ") || line.equals("C:") || line.startsWith("S: ") || line.startsWith("S~ ")
                    || line.equals("!starttls") || line.equals("!closed")) {
                steps.add(line);
            } else {
                throw new IllegalArgumentException(name + ": cannot read transcript line '" + line + "'");
            }
        }
        return new Transcript(name, listener, steps);
    }

    /** One dynamic test per {@code *.txt} file in a classpath directory, e.g. {@code transcripts/smtp}. */
    public static Stream<DynamicTest> tests(String classpathDirectory, ToIntFunction<String> portOfListener) {
        URL url = Transcript.class.getClassLoader().getResource(classpathDirectory);
        if (url == null) {
            throw new IllegalArgumentException("no transcripts in " + classpathDirectory);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream().map(file -> {
                try {
                    Transcript transcript = parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
                    return DynamicTest.dynamicTest(transcript.name,
                            () -> transcript.run("127.0.0.1", portOfListener.applyAsInt(transcript.listener)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The listener named by {@code @listener}, or null. */
    public String listener() {
        return listener;
    }

    public void run(String host, int port) throws IOException {
        Map<String, String> captured = new HashMap<>();
        try (LineClient client = new LineClient(host, port)) {
            StringBuilder batch = new StringBuilder();
            int number = 0;
            for (String written : steps) {
                number++;
                String step = substitute(written, captured);
                if (step.startsWith("C:")) {
                    batch.append(step.length() > 3 ? step.substring(3) : "").append("\r\n");
                    continue;
                }
                if (batch.length() > 0) {
                    client.write(batch.toString());
                    batch.setLength(0);
                }
                if (step.equals("!starttls")) {
                    client.startTls(trustAll());
                } else if (step.equals("!closed")) {
                    if (!client.isClosedByServer()) {
                        throw new AssertionError(name + " step " + number + ": the server did not close the connection");
                    }
                } else {
                    String expected = step.substring(3);
                    String actual = client.readLine();
                    boolean matches = actual != null && (step.startsWith("S: ") ? actual.equals(expected)
                            : capture(expected, actual, captured));
                    if (!matches) {
                        throw new AssertionError(name + " step " + number + ": expected " + (step.startsWith("S~")
                                ? "a match of /" + expected + "/" : "'" + expected + "'") + " but the server sent '"
                                + actual + "'");
                    }
                }
            }
            if (batch.length() > 0) {
                client.write(batch.toString());
            }
        }
    }

    /** Whether {@code actual} matches the pattern; what its named groups matched is kept for later lines. */
    private static boolean capture(String pattern, String actual, Map<String, String> captured) {
        Matcher matcher = Pattern.compile(pattern).matcher(actual);
        if (!matcher.matches()) {
            return false;
        }
        Matcher names = GROUP_NAME.matcher(pattern);
        while (names.find()) {
            captured.put(names.group(1), matcher.group(names.group(1)));
        }
        return true;
    }

    /** The step with each {@code ${name}} replaced by what that group captured (as is: captures are plain ids). */
    private String substitute(String step, Map<String, String> captured) {
        Matcher reference = REFERENCE.matcher(step);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String value = captured.get(reference.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + ": nothing captured as " + reference.group());
            }
            reference.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return reference.appendTail(result).toString();
    }

    /** A client TLS context that accepts any certificate (the servers under test use self-signed ones). */
    public static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
