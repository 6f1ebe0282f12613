package io.cuecard.pbx;

import io.cuecard.call.OverloadChanged;
import io.cuecard.call.log.CallLogHealth;
import io.cuecard.call.service.OverloadMonitor;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The {@code pbx} health group ({@code /q/health/group/pbx}): the AMI link and the call log's database. The
 * database is asked on every request ({@code database}: it answered within a second) and the call log writer's
 * last write must have succeeded ({@code callLogWrites}); {@code callLogBacklog} counts calls waiting to be written.
 * Overload ({@code overload}: {@code ACTIVE} or {@code NONE}, {@code overloadSince}, {@code callLagMs},
 * {@code amiEventsDropped}) is reported but keeps the group UP: Cuecard still works, late, and a DOWN would read as
 * an outage and flap with the load; the metrics, the log and the consoles' banner carry it.
 * Deliberately not a readiness check: a PBX outage must not take every instance out of a load balancer while
 * the consoles show the disconnect.
 */
@HealthGroup("pbx")
@ApplicationScoped
public class PbxHealthCheck implements HealthCheck {

    @Inject
    AmiLink link;

    @Inject
    CallLogHealth callLog;

    @Inject
    OverloadMonitor overload;

    @Inject
    AmiEventDrops drops;

    @Override
    public HealthCheckResponse call() {
        AmiLink.Status s = link.status();
        boolean database = callLog.databaseReachable();
        boolean writes = callLog.writesSucceeding();
        OverloadChanged load = overload.current();
        return HealthCheckResponse.named("pbx")
                .status(link.connected() && database && writes)
                .withData("ami", s.state().name())
                .withData("host", s.host() + ":" + s.port())
                .withData("asteriskVersion", String.valueOf(s.asteriskVersion()))
                .withData("since", s.since().toString())
                .withData("reconnects", s.reconnects())
                .withData("lastError", String.valueOf(s.lastError()))
                .withData("eventsReceived", link.eventsReceived())
                .withData("database", database ? "UP" : "DOWN")
                .withData("callLogWrites", writes ? "OK" : "FAILING")
                .withData("callLogBacklog", callLog.backlog())
                .withData("callLogJournal", callLog.journalled())
                .withData("overload", load.active() ? "ACTIVE" : "NONE")
                .withData("overloadSince", String.valueOf(load.since()))
                .withData("overloadEpisodes", overload.episodes())
                .withData("callLagMs", overload.lag().toMillis())
                .withData("amiEventsDropped", drops.dropped())
                .build();
    }
}
