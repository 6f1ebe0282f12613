package io.cuecard.pbx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
    Instance<BuiltInEndpoint> builtIn;

    public Target target() {
        for (BuiltInEndpoint pbx : builtIn) {
            var target = pbx.target();
            if (target.isPresent()) {
                return target.get();
            }
        }
        return new Target(ami.host(), ami.port(), ami.username(), ami.secret());
    }
}
