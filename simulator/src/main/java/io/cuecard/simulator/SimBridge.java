package io.cuecard.simulator;

import java.util.ArrayList;
import java.util.List;

/** A basic two-party bridge of the simulated PBX. */
final class SimBridge {

    final String id;
    final List<SimChannel> channels = new ArrayList<>();

    SimBridge(String id) {
        this.id = id;
    }

    AmiEventBuilder appendTo(AmiEventBuilder event, String prefix) {
        return event.add(prefix + "BridgeUniqueid", id)
                .add(prefix + "BridgeType", "basic")
                .add(prefix + "BridgeTechnology", "simple_bridge")
                .add(prefix + "BridgeCreator", "<unknown>")
                .add(prefix + "BridgeName", "<unknown>")
                .add(prefix + "BridgeNumChannels", String.valueOf(channels.size()))
                .add(prefix + "BridgeVideoSourceMode", "none");
    }
}
