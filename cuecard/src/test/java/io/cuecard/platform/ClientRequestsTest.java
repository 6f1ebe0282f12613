package io.cuecard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRequestsTest {

    @Test
    void forwardedHeadersAreIgnoredUnlessTheyComeFromATrustedProxy() {
        ClientRequests none = new ClientRequests(List.of());
        assertThat(none.clientAddress("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");

        ClientRequests proxied = new ClientRequests(List.of("10.0.0.0/8", "::1"));
        assertThat(proxied.clientAddress("203.0.113.9", List.of("1.2.3.4"))).as("not from a proxy").isEqualTo("203.0.113.9");
        assertThat(proxied.clientAddress("10.1.2.3", List.of("1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(proxied.clientAddress("::1", List.of("1.2.3.4:5555"))).isEqualTo("1.2.3.4");
    }

    @Test
    void theClientIsTheNearestHopThatIsNotATrustedProxy() {
        ClientRequests proxied = new ClientRequests(List.of("10.0.0.0/8"));
        // the client wrote "6.6.6.6" itself: only what the trusted proxies appended counts
        assertThat(proxied.clientAddress("10.0.0.2", List.of("6.6.6.6, 198.51.100.7, 10.0.0.1"))).isEqualTo("198.51.100.7");
        assertThat(proxied.clientAddress("10.0.0.2", List.of("6.6.6.6", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(proxied.clientAddress("10.0.0.2", List.of("10.0.0.9"))).isEqualTo("10.0.0.9");
    }

    @Test
    void blocksAndLiterals() {
        ClientRequests proxied = new ClientRequests(List.of("192.168.1.0/24", "2001:db8::/32", "127.0.0.1"));
        assertThat(proxied.isTrusted("192.168.1.200")).isTrue();
        assertThat(proxied.isTrusted("192.168.2.1")).isFalse();
        assertThat(proxied.isTrusted("2001:db8:1::5")).isTrue();
        assertThat(proxied.isTrusted("::ffff:127.0.0.1")).as("v4-mapped").isTrue();
        assertThat(proxied.isTrusted("localhost")).as("names are never looked up").isFalse();
        assertThat(proxied.isTrusted("")).isFalse();
        assertThatThrownBy(() -> new ClientRequests(List.of("proxy.example"))).hasMessageContaining("cuecard.http.trusted-proxies");
        assertThatThrownBy(() -> new ClientRequests(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
