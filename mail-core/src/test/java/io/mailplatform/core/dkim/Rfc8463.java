package io.mailplatform.core.dkim;

import io.mailplatform.core.dns.TxtLookup;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The example of RFC 8463 Appendix A: its keys, DNS records and doubly signed message. */
final class Rfc8463 {
    static final String ED25519_SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    static final String RSA_PRIVATE_PKCS1 = "MIICXQIBAAKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQi"
            + "Y/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqM"
            + "KrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB"
            + "AoGAH0cxOhFZDgzXWhDhnAJDw5s4roOXN4OhjiXa8W7Y3rhX3FJqmJSPuC8N9vQm"
            + "6SVbaLAE4SG5mLMueHlh4KXffEpuLEiNp9Ss3O4YfLiQpbRqE7Tm5SxKjvvQoZZe"
            + "zHorimOaChRL2it47iuWxzxSiRMv4c+j70GiWdxXnxe4UoECQQDzJB/0U58W7RZy"
            + "6enGVj2kWF732CoWFZWzi1FicudrBFoy63QwcowpoCazKtvZGMNlPWnC7x/6o8Gc"
            + "uSe0ga2xAkEA8C7PipPm1/1fTRQvj1o/dDmZp243044ZNyxjg+/OPN0oWCbXIGxy"
            + "WvmZbXriOWoSALJTjExEgraHEgnXssuk7QJBALl5ICsYMu6hMxO73gnfNayNgPxd"
            + "WFV6Z7ULnKyV7HSVYF0hgYOHjeYe9gaMtiJYoo0zGN+L3AAtNP9huqkWlzECQE1a"
            + "licIeVlo1e+qJ6Mgqr0Q7Aa7falZ448ccbSFYEPD6oFxiOl9Y9se9iYHZKKfIcst"
            + "o7DUw1/hz2Ck4N5JrgUCQQCyKveNvjzkkd8HjYs0SwM0fPjK16//5qDZ2UiDGnOe"
            + "uEzxBDAr518Z8VFbR41in3W4Y3yCDgQlLlcETrS+zYcL";
    static final Map<String, List<String>> DNS = Map.of(
            "brisbane._domainkey.football.example.com",
            List.of("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="),
            "test._domainkey.football.example.com",
            List.of("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
                    + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
                    + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
                    + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB"));
    static final String ED25519_B = "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==";
    static final String RSA_B = "F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPY"
            + "QTnGdaSGsgeefOsk2JzdA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=";
    static final String MESSAGE = String.join("\r\n",
            "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
            " d=football.example.com; i=@football.example.com;",
            " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
            " subject : date : message-id : from : subject : date;",
            " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
            " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
            " d=football.example.com; i=@football.example.com;",
            " q=dns/txt; s=test; t=1528637909; h=from : to : subject :",
            " date : message-id : from : subject : date;",
            " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3",
            " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz",
            " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=",
            "From: Joe SixPack <joe@football.example.com>",
            "To: Suzie Q <suzie@shopping.example.net>",
            "Subject: Is dinner ready?",
            "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
            "Message-ID: <20030712040037.46341.5F8J@football.example.com>",
            "",
            "Hi.",
            "",
            "We lost the game.  Are you hungry yet?",
            "",
            "Joe.",
            "");

    private Rfc8463() {
    }

    static byte[] message() {
        return MESSAGE.getBytes(StandardCharsets.US_ASCII);
    }

    static TxtLookup dns() {
        return name -> DNS.getOrDefault(name, List.of());
    }

    static PrivateKey ed25519Key() throws Exception {
        // PKCS#8 of an Ed25519 seed (RFC 8410): a fixed prefix and the 32 octets
        byte[] prefix = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] seed = Base64.getDecoder().decode(ED25519_SEED);
        byte[] der = new byte[prefix.length + seed.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(seed, 0, der, prefix.length, seed.length);
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static PrivateKey rsaKey() throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(Base64.getDecoder().decode(RSA_PRIVATE_PKCS1))));
    }

    /** Wraps a PKCS#1 RSAPrivateKey in PKCS#8 (version 0, rsaEncryption, OCTET STRING). */
    static byte[] pkcs8(byte[] pkcs1) {
        byte[] algorithm = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
        byte[] octets = concat(new byte[] {0x04}, length(pkcs1.length), pkcs1);
        byte[] body = concat(new byte[] {0x02, 0x01, 0x00}, algorithm, octets);
        return concat(new byte[] {0x30}, length(body.length), body);
    }

    private static byte[] length(int n) {
        return n < 0x80 ? new byte[] {(byte) n} : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
