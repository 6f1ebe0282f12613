package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for building AMI replies and stamping events the way Asterisk writes them. */
final class AmiWire {

    private AmiWire() {
    }

    /**
     * A reply to {@code action}: {@code Response: <type>}, the action's ActionID echoed byte for byte when it had one,
     * then the given headers.
     */
    static AmiPacket reply(AmiPacket action, String type, String... keyValues) {
        List<AmiPacket.Header> headers = new ArrayList<>(2 + keyValues.length / 2);
        headers.add(new AmiPacket.Header("Response", type));
        String actionId = action.get("ActionID");
        if (actionId != null) {
            headers.add(new AmiPacket.Header("ActionID", actionId));
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            headers.add(new AmiPacket.Header(keyValues[i], keyValues[i + 1]));
        }
        return new AmiPacket(headers);
    }

    static AmiPacket success(AmiPacket action, String message) {
        return reply(action, "Success", "Message", message);
    }

    static AmiPacket error(AmiPacket action, String message) {
        return reply(action, "Error", "Message", message);
    }

    /** {@code <epoch seconds>.<microseconds>} as in Asterisk's {@code Timestamp} header. */
    static String timestamp(Instant now) {
        return now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000);
    }

    /** The event with {@code Timestamp: now} inserted right after {@code Privilege} (as {@code timestampevents=yes} does). */
    static AmiPacket stamped(AmiPacket event, Instant now) {
        List<AmiPacket.Header> in = event.headers();
        List<AmiPacket.Header> out = new ArrayList<>(in.size() + 1);
        boolean inserted = false;
        for (AmiPacket.Header h : in) {
            if (h.key().equalsIgnoreCase("Timestamp")) {
                continue;
            }
            out.add(h);
            if (!inserted && h.key().equalsIgnoreCase("Privilege")) {
                out.add(new AmiPacket.Header("Timestamp", timestamp(now)));
                inserted = true;
            }
        }
        if (!inserted) {
            out.add(Math.min(1, out.size()), new AmiPacket.Header("Timestamp", timestamp(now)));
        }
        return new AmiPacket(out);
    }
}
