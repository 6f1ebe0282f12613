package io.cuecard.pbx;

import io.cuecard.pbx.trace.AmiPacket;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Turns recorded or simulated {@link AmiPacket}s into the typed asterisk-java {@link ManagerEvent}s, exactly as
 * asterisk-java's own reader ({@code ManagerReaderImpl}) does on a live connection: the same line splitting (a header
 * with an empty value is dropped, repeated keys become a list, keys are lower-cased) and the same
 * {@code EventBuilderImpl} (reached by reflection: it is package-private in asterisk-java).
 *
 * <p>Not thread-safe (asterisk-java's builder is not): use one instance per thread.
 */
public final class AmiEvents {

    private static final String BUILDER_CLASS = "org.asteriskjava.manager.internal.EventBuilderImpl";

    private final Object builder;
    private final Method buildEvent;
    private final Object source;

    public AmiEvents() {
        this(AmiEvents.class);
    }

    /** @param source the event source asterisk-java puts into every event (its ManagerConnection on a live link) */
    public AmiEvents(Object source) {
        this.source = source;
        try {
            Class<?> type = Class.forName(BUILDER_CLASS);
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            this.builder = constructor.newInstance();
            this.buildEvent = type.getMethod("buildEvent", Object.class, Map.class);
            this.buildEvent.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("asterisk-java's " + BUILDER_CLASS + " is not usable: " + e, e);
        }
    }

    /**
     * The typed event for an event packet, with {@code dateReceived} set to {@code receivedAt}; null for a packet that
     * is not an event (a response) or an event type asterisk-java does not know (its reader drops those too).
     */
    public ManagerEvent toEvent(AmiPacket packet, Instant receivedAt) {
        if (packet == null || !packet.isEvent()) {
            return null;
        }
        Map<String, Object> attributes = readerAttributes(packet);
        if (!attributes.containsKey("event")) {
            return null;
        }
        ManagerEvent event;
        try {
            event = (ManagerEvent) buildEvent.invoke(builder, source, attributes);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("asterisk-java could not build " + packet.event() + ": " + e.getCause(),
                    e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (event != null && receivedAt != null) {
            event.setDateReceived(Date.from(receivedAt));
        }
        return event;
    }

    /** {@link #toEvent} for every event packet, in order; responses and unknown event types are left out. */
    public List<ManagerEvent> toEvents(List<AmiPacket> packets, Instant receivedAt) {
        List<ManagerEvent> out = new ArrayList<>(packets.size());
        for (AmiPacket p : packets) {
            ManagerEvent e = toEvent(p, receivedAt);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The attribute map as {@code ManagerReaderImpl} builds it from the packet's lines: keys lower-cased
     * ({@code Locale.ENGLISH}), a line without a value after {@code ": "} skipped, a repeated key turned into a list.
     */
    static Map<String, Object> readerAttributes(AmiPacket packet) {
        Map<String, Object> buffer = new HashMap<>();
        for (AmiPacket.Header h : packet.headers()) {
            String line = h.key() + ": " + h.value();
            int delimiter;
            int length;
            if (line.startsWith("From ") || line.startsWith("To ")) {
                delimiter = line.indexOf(' ');
                length = 1;
            } else {
                delimiter = line.indexOf(": ");
                length = 2;
            }
            if (delimiter > 0 && line.length() > delimiter + length) {
                add(buffer, line.substring(0, delimiter).toLowerCase(Locale.ENGLISH), line.substring(delimiter + length));
            }
        }
        return buffer;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> buffer, String name, String value) {
        Object current = buffer.get(name);
        if (current == null) {
            buffer.put(name, value);
        } else if (current instanceof List) {
            ((List<String>) current).add(value);
        } else {
            List<String> list = new ArrayList<>();
            list.add(current.toString());
            list.add(value);
            buffer.put(name, list);
        }
    }
}
