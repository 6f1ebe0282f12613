package io.cuecard.call;

import io.cuecard.agent.AgentRef;
import java.time.Instant;

/** What the tracker knows about one channel (leg). Mutable; owned by the tracker's thread. */
final class ChannelLeg {

    final String uniqueId;
    final String channel;
    final boolean local;
    /** The agent on this leg, null for customer, Local and unknown legs. */
    final AgentRef agent;
    CallRecord call;
    String localPartner;
    String callerNumber;
    String exten;
    String bridgeId;
    boolean up;
    boolean originated;
    Instant holdSince;

    ChannelLeg(String uniqueId, String channel, boolean local, AgentRef agent) {
        this.uniqueId = uniqueId;
        this.channel = channel;
        this.local = local;
        this.agent = agent;
    }

    boolean isAgent() {
        return agent != null;
    }

    /** A leg that is neither an agent nor a Local channel: a customer (or another outside party). */
    boolean isOutsideParty() {
        return agent == null && !local;
    }

    String username() {
        return agent == null ? null : agent.username();
    }
}
