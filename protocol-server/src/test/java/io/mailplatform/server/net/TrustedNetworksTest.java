package io.mailplatform.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedNetworksTest {

    @Test
    void matchesCidrBlocksAndSingleHosts() {
        TrustedNetworks networks = TrustedNetworks.of(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"));
        assertThat(networks.contains(new InetSocketAddress("10.1.2.3", 1))).isTrue();
        assertThat(networks.contains(new InetSocketAddress("192.0.2.7", 1))).isTrue();
        assertThat(networks.contains(new InetSocketAddress("192.0.2.8", 1))).isFalse();
        assertThat(networks.contains(new InetSocketAddress("2001:db8::1", 1))).isTrue();
        assertThat(networks.contains(new InetSocketAddress("127.0.0.1", 1))).isFalse();
        assertThat(TrustedNetworks.none().contains(new InetSocketAddress("127.0.0.1", 1))).isFalse();
        assertThatThrownBy(() -> TrustedNetworks.of(List.of("not-a-network/99"))).isInstanceOf(IllegalArgumentException.class);
    }
}
