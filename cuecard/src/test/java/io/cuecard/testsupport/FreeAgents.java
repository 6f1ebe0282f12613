package io.cuecard.testsupport;

import io.cuecard.call.service.CallService;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.PbxSimulator;
import io.quarkus.arc.Arc;

/**
 * Makes agents free for a queue call at the start of a {@code @QuarkusTest}: an earlier test in the same application
 * may have left them in wrap-up, i.e. paused in the simulator's queue. Ends that wrap-up in Cuecard (Ready, which
 * un-pauses over AMI) and un-pauses them in the built-in simulator at once.
 */
public final class FreeAgents {

    public static void free(String... usernames) {
        CallService calls = Arc.container().instance(CallService.class).get();
        BuiltInPbx pbx = Arc.container().instance(BuiltInPbx.class).get();
        for (String username : usernames) {
            calls.ready(username);
            pbx.simulator(PbxSimulator.class).pauseAgent("PJSIP/" + username, false, "test: " + username + " free");
        }
    }

    private FreeAgents() {
    }
}
