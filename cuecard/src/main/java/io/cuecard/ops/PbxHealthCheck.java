package io.cuecard.ops;

import io.cuecard.pbx.AmiEventDrops;
import io.cuecard.pbx.AmiLink;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The {@code pbx} health group ({@code /q/health/group/pbx}): the AMI link ({@code ami}: its state, the host, the
 * Asterisk version, reconnects, the last error, events received) and whether Cuecard keeps up with it. Overload
 * ({@code overload}: {@code ACTIVE} or {@code NONE}, {@code overloadSince}, {@code callLagMs},
 * {@code amiEventsDropped}) is reported but keeps the group UP: Cuecard still works, late, and a DOWN would read as
 * an outage and flap with the load; the metrics, the log and the consoles' banner carry it. The database and the call
 * log's backlog are the {@code database} group ({@link DatabaseHealthCheck}).
 * Deliberately not a readiness check: a PBX outage must not take every instance out of a load balancer while
 * the consoles show the disconnect.
 */
@HealthGroup("pbx")
@ApplicationScoped
public class PbxHealthCheck implements HealthCheck {

    @Inject
    AmiLink link;

    @Inject
    OverloadMonitor overload;

    @Inject
    AmiEventDrops drops;

    @Override
    public HealthCheckResponse call() {
        AmiLink.Status s = link.status();
        OverloadChanged load = overload.current();
        return HealthCheckResponse.named("pbx")
                .status(link.connected())
                .withData("ami", s.state().name())
                .withData("host", s.host() + ":" + s.port())
                .withData("asteriskVersion", String.valueOf(s.asteriskVersion()))
                .withData("since", s.since().toString())
                .withData("reconnects", s.reconnects())
                .withData("lastError", String.valueOf(s.lastError()))
                .withData("eventsReceived", link.eventsReceived())
                .withData("overload", load.active() ? "ACTIVE" : "NONE")
                .withData("overloadSince", String.valueOf(load.since()))
                .withData("overloadEpisodes", overload.episodes())
                .withData("callLagMs", overload.lag().toMillis())
                .withData("amiEventsDropped", drops.dropped())
                .build();
    }
}
