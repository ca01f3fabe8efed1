package io.mailplatform.core.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailplatform.core.dkim.DkimKeyRecord;
import io.mailplatform.core.dkim.DkimSigner;
import io.mailplatform.core.dkim.SigningAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our ARC sets against Debian's dkimpy (python3-dkim, with python3-authres for its signer), run as a
 * process: dkimpy validates chains we seal (one hop, and our hop on top of its own), and we validate what
 * dkimpy seals, including its hop on top of ours. Skipped, saying so, where dkimpy is not installed.
 */
class ArcInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String MESSAGE = "From: Ann <ann@origin.example>\r\nTo: list@lists.example\r\nSubject: interop\r\n"
            + "Date: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <2@origin.example>\r\n\r\nHello   list.  \r\n\r\n";
    private static KeyPair pyKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        assumeTrue(dkimpy(), "Debian's python3-dkim and python3-authres (import dkim, authres with " + PYTHON
                + ") are not installed: the ARC interop test with dkimpy is skipped");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        pyKey = rsa.generateKeyPair();
        ArcTest.keys();
        ArcTest.DNS.put("py._domainkey.py.example", "v=DKIM1; k=rsa; p=" + DkimKeyRecord.publish(pyKey.getPublic()));
    }

    private static boolean dkimpy() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import dkim, authres").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String run(String... args) throws Exception {
        Path script = dir.resolve("dkimpy_arc.py");
        try (InputStream in = getClass().getResourceAsStream("/arc/dkimpy_arc.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path dns = dir.resolve("dns.txt");
        Files.writeString(dns, ArcTest.DNS.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue())
                .collect(Collectors.joining("\n")));
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), args[0], args[1], dns.toString()));
        command.addAll(Arrays.asList(args).subList(2, args.length));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("dkimpy: " + out).isZero();
        return out;
    }

    private String dkimpyVerifies(String message) throws Exception {
        Path file = dir.resolve("message.eml");
        Files.writeString(file, message, StandardCharsets.UTF_8);
        return run("verify", file.toString());
    }

    private String dkimpySeals(String message) throws Exception {
        Path file = dir.resolve("to-seal.eml");
        Files.writeString(file, message, StandardCharsets.UTF_8);
        // dkimpy reads PKCS#1; Java's PKCS#8 encoding of an RSA key is that behind a fixed 26-octet prefix
        byte[] pkcs8 = pyKey.getPrivate().getEncoded();
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(Arrays.copyOfRange(pkcs8, 26, pkcs8.length))
                + "\n-----END RSA PRIVATE KEY-----\n";
        Path key = dir.resolve("py.pem");
        Files.writeString(key, pem);
        return run("sign", file.toString(), key.toString(), "py", "py.example", "py.example");
    }

    @Test
    void dkimpyValidatesOurChains() throws Exception {
        String once = ArcTest.sealed(MESSAGE, ArcTest.lists);
        assertThat(dkimpyVerifies(once)).startsWith("pass\n");
        String twice = ArcTest.sealed(once, rsaRelay());
        assertThat(dkimpyVerifies(twice)).startsWith("pass\n");
        assertThat(dkimpyVerifies(twice.replace("Hello   list.", "Hello list"))).startsWith("fail\n");
    }

    @Test
    void weValidateDkimpysChains() throws Exception {
        String first = dkimpySeals("Authentication-Results: py.example; spf=pass smtp.mailfrom=ann@origin.example\r\n" + MESSAGE);
        assertThat(first).startsWith("ARC-Seal: i=1;");
        assertThat(ArcTest.verifier().verify(first.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ArcResult(ArcResult.ChainValidation.PASS, 1, "py.example", null));

        String ours = ArcTest.sealed(first, ArcTest.lists);
        String theirs = dkimpySeals("Authentication-Results: py.example; arc=pass\r\n" + ours);
        assertThat(theirs).startsWith("ARC-Seal: i=3;");
        assertThat(ArcTest.verifier().verify(theirs.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ArcResult(ArcResult.ChainValidation.PASS, 3, "py.example", null));
        assertThat(dkimpyVerifies(theirs)).startsWith("pass\n");
    }

    /** dkimpy verifies Ed25519 only with PyNaCl, which Debian's package does not pull in: the second hop is RSA too. */
    private static DkimSigner rsaRelay() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair key = rsa.generateKeyPair();
        ArcTest.DNS.put("rsa._domainkey.relay2.example", "v=DKIM1; k=rsa; p=" + DkimKeyRecord.publish(key.getPublic()));
        return new DkimSigner("relay2.example", "rsa", SigningAlgorithm.RSA_SHA256, key.getPrivate());
    }
}
