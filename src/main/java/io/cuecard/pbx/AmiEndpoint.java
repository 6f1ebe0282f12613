package io.cuecard.pbx;

import io.cuecard.pbx.simulator.BuiltInPbx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where the AMI link connects: the configured Asterisk, or the built-in simulator in simulator/replay mode. */
@ApplicationScoped
public class AmiEndpoint {

    /** An AMI server and the login to use there. */
    public record Target(String host, int port, String username, String secret) {
    }

    @Inject
    AmiConfig ami;

    @Inject
    BuiltInPbx builtIn;

    public Target target() {
        if (builtIn.running()) {
            var settings = builtIn.simulator().settings();
            return new Target("127.0.0.1", builtIn.simulator().port(), settings.username(), settings.secret());
        }
        return new Target(ami.host(), ami.port(), ami.username(), ami.secret());
    }
}
