package io.cuecard.pbx.trace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One AMI message as it travels on the wire: ordered {@code Key: Value} headers (keys may repeat,
 * e.g. {@code Variable}, {@code Output}). Immutable.
 */
public final class AmiPacket {

    /** One {@code Key: Value} line. */
    public record Header(String key, String value) {
    }

    private final List<Header> headers;

    public AmiPacket(List<Header> headers) {
        this.headers = List.copyOf(headers);
    }

    public static AmiPacket of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        List<Header> list = new ArrayList<>(keyValues.length / 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            list.add(new Header(keyValues[i], keyValues[i + 1]));
        }
        return new AmiPacket(list);
    }

    public List<Header> headers() {
        return headers;
    }

    /** The first value of a header, keys compared case-insensitively as AMI requires; null when absent. */
    public String get(String key) {
        for (Header h : headers) {
            if (h.key().equalsIgnoreCase(key)) {
                return h.value();
            }
        }
        return null;
    }

    public List<String> getAll(String key) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.key().equalsIgnoreCase(key)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** The event name, or null for a response or action. */
    public String event() {
        return headers.isEmpty() || !headers.get(0).key().equalsIgnoreCase("Event") ? get("Event") : headers.get(0).value();
    }

    public boolean isEvent() {
        return get("Event") != null;
    }

    /** A reply to an action; note that the OriginateResponse <em>event</em> also carries a Response header. */
    public boolean isResponse() {
        return !isEvent() && get("Response") != null;
    }

    /** Headers as a map with lower-case keys (first value wins), the shape asterisk-java's event builder takes. */
    public Map<String, Object> toLowerCaseMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Header h : headers) {
            map.putIfAbsent(h.key().toLowerCase(Locale.ROOT), h.value());
        }
        return Collections.unmodifiableMap(map);
    }

    /** This packet with one header replaced (or appended when absent). */
    public AmiPacket with(String key, String value) {
        List<Header> list = new ArrayList<>(headers.size() + 1);
        boolean replaced = false;
        for (Header h : headers) {
            if (!replaced && h.key().equalsIgnoreCase(key)) {
                list.add(new Header(h.key(), value));
                replaced = true;
            } else {
                list.add(h);
            }
        }
        if (!replaced) {
            list.add(new Header(key, value));
        }
        return new AmiPacket(list);
    }

    /** The exact wire form: CRLF after each line and an empty line at the end. */
    public String toWire() {
        StringBuilder sb = new StringBuilder(64 * headers.size());
        for (Header h : headers) {
            sb.append(h.key()).append(": ").append(h.value()).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    public byte[] toWireBytes() {
        return toWire().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return toWire().replace("\r\n", " | ");
    }
}
