package io.cuecard.call;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live legs and who hears whom: bridge membership and Local channel pairs (the two halves of a Local channel
 * pass audio to each other). Owned by the tracker's thread.
 */
final class ChannelGraph {

    private final Map<String, ChannelLeg> legs = new HashMap<>();
    private final Map<String, Set<String>> bridges = new HashMap<>();

    ChannelLeg get(String uniqueId) {
        return uniqueId == null ? null : legs.get(uniqueId);
    }

    /** Whether this very leg is still live. */
    boolean isLive(ChannelLeg leg) {
        return leg != null && legs.get(leg.uniqueId) == leg;
    }

    List<ChannelLeg> all() {
        return List.copyOf(legs.values());
    }

    void add(ChannelLeg leg) {
        legs.put(leg.uniqueId, leg);
    }

    /** The leg is gone (hung up): out of its bridge and out of the graph. */
    void remove(ChannelLeg leg) {
        leaveBridge(leg);
        legs.remove(leg.uniqueId, leg);
    }

    void pair(ChannelLeg first, ChannelLeg second) {
        first.localPartner = second.uniqueId;
        second.localPartner = first.uniqueId;
    }

    void enterBridge(ChannelLeg leg, String bridgeId) {
        leaveBridge(leg);
        leg.bridgeId = bridgeId;
        bridges.computeIfAbsent(bridgeId, k -> new LinkedHashSet<>()).add(leg.uniqueId);
    }

    void leaveBridge(ChannelLeg leg) {
        if (leg.bridgeId == null) {
            return;
        }
        Set<String> members = bridges.get(leg.bridgeId);
        if (members != null) {
            members.remove(leg.uniqueId);
            if (members.isEmpty()) {
                bridges.remove(leg.bridgeId);
            }
        }
        leg.bridgeId = null;
    }

    /**
     * Forgets every bridge (before a resync tells them again), except those of the legs in {@code keep}: channels
     * opened after the resync's lists were read, known only from their own events.
     */
    void clearBridges(Set<String> keep) {
        for (ChannelLeg leg : legs.values()) {
            if (!keep.contains(leg.uniqueId)) {
                leaveBridge(leg);
            }
        }
    }

    /** Every live leg the given leg can hear, itself included: through bridges and Local channel pairs. */
    Set<ChannelLeg> reachable(ChannelLeg from) {
        Set<ChannelLeg> seen = new LinkedHashSet<>();
        Deque<ChannelLeg> todo = new ArrayDeque<>();
        todo.add(from);
        seen.add(from);
        while (!todo.isEmpty()) {
            ChannelLeg l = todo.poll();
            List<String> next = new ArrayList<>();
            if (l.bridgeId != null) {
                next.addAll(bridges.getOrDefault(l.bridgeId, Set.of()));
            }
            if (l.localPartner != null) {
                next.add(l.localPartner);
            }
            for (String uid : next) {
                ChannelLeg n = legs.get(uid);
                if (n != null && seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return seen;
    }

    /** An agent leg in the same bridge as {@code leg}, or null. */
    ChannelLeg bridgedAgentPeer(ChannelLeg leg) {
        Set<String> members = leg.bridgeId == null ? Set.of() : bridges.getOrDefault(leg.bridgeId, Set.of());
        for (String uid : members) {
            ChannelLeg peer = legs.get(uid);
            if (peer != null && peer != leg && peer.isAgent()) {
                return peer;
            }
        }
        return null;
    }
}
