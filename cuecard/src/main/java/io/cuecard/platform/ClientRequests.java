package io.cuecard.platform;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who sent a request and how: the client's address, whether it came over HTTPS, and the origin the browser sees.
 * {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} are believed only when the request
 * comes from one of {@code cuecard.http.trusted-proxies} (addresses or CIDR blocks); from anyone else they are
 * ignored, so a client cannot choose the address its login attempts are counted under.
 */
@ApplicationScoped
public class ClientRequests {

    private final List<Cidr> trusted;

    @Inject
    public ClientRequests(@ConfigProperty(name = "cuecard.http.trusted-proxies") Optional<List<String>> trustedProxies) {
        this(trustedProxies.orElse(List.of()));
    }

    /** For tests and plain Java callers. */
    public ClientRequests(List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                parsed.add(Cidr.parse(entry.trim()));
            }
        }
        this.trusted = List.copyOf(parsed);
    }

    /** The client's address: the peer, or, behind trusted proxies, the last address before them in X-Forwarded-For. */
    public String clientAddress(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        String peerHost = peer == null ? "unknown" : peer.hostAddress();
        return clientAddress(peerHost, request.headers().getAll("X-Forwarded-For"));
    }

    String clientAddress(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        // walk from the nearest hop back: the first one that is not a trusted proxy is the client
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = stripPort(hops.get(i));
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : stripPort(hops.get(0));
    }

    /** Whether the browser talks HTTPS to Cuecard: directly, or to a trusted proxy that says so. */
    public boolean isSecure(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        SocketAddress peer = request.remoteAddress();
        if (peer == null || !isTrusted(peer.hostAddress())) {
            return false;
        }
        String proto = firstValue(request.getHeader("X-Forwarded-Proto"));
        return "https".equalsIgnoreCase(proto);
    }

    /** The origin ({@code scheme://host[:port]}) the browser used to reach this request, as its Origin header says it. */
    public String ownOrigin(HttpServerRequest request) {
        String scheme = isSecure(request) ? "https" : "http";
        String host = request.getHeader("Host");
        SocketAddress peer = request.remoteAddress();
        if (peer != null && isTrusted(peer.hostAddress())) {
            String forwardedHost = firstValue(request.getHeader("X-Forwarded-Host"));
            if (forwardedHost != null) {
                host = forwardedHost;
            }
        }
        if (host == null) {
            host = request.authority() == null ? "" : request.authority().toString();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && host.endsWith(":80")) {
            host = host.substring(0, host.length() - 3);
        } else if (scheme.equals("https") && host.endsWith(":443")) {
            host = host.substring(0, host.length() - 4);
        }
        return scheme + "://" + host;
    }

    public boolean isTrusted(String address) {
        if (trusted.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr cidr : trusted) {
            if (cidr.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = (comma < 0 ? header : header.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) { // [v6]:port
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && hop.indexOf(':', colon + 1) < 0) { // v4:port (a bare v6 has several colons)
            return hop.substring(0, colon);
        }
        return hop;
    }

    /** The bytes of an IP literal, or null when it is not one (never a DNS look-up). */
    static byte[] literal(String address) {
        String a = address.trim();
        if (a.isEmpty()) {
            return null;
        }
        boolean v4 = a.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        boolean v6 = a.indexOf(':') >= 0 && a.chars().allMatch(c -> c == ':' || c == '.' || c == '%' || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            return null;
        }
        int zone = a.indexOf('%');
        if (zone > 0) {
            a = a.substring(0, zone);
        }
        try {
            byte[] bytes = InetAddress.getByName(a).getAddress();
            if (bytes.length == 16 && isV4Mapped(bytes)) {
                byte[] v4bytes = new byte[4];
                System.arraycopy(bytes, 12, v4bytes, 0, 4);
                return v4bytes;
            }
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** An address block: {@code 10.0.0.0/8}, {@code ::1}, {@code 192.168.1.7}. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new IllegalArgumentException("cuecard.http.trusted-proxies: '" + text + "' is not an IP address or CIDR block");
            }
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("cuecard.http.trusted-proxies: bad prefix length in '" + text + "'");
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
