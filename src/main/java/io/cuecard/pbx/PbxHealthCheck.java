package io.cuecard.pbx;

import io.cuecard.call.log.CallLogWriter;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The {@code pbx} health group ({@code /q/health/group/pbx}): the AMI link and the call log's database.
 * Deliberately not a readiness check: a PBX outage must not take every instance out of a load balancer while
 * the consoles show the disconnect.
 */
@HealthGroup("pbx")
@ApplicationScoped
public class PbxHealthCheck implements HealthCheck {

    @Inject
    AmiLink link;

    @Inject
    CallLogWriter callLog;

    @Override
    public HealthCheckResponse call() {
        AmiLink.Status s = link.status();
        return HealthCheckResponse.named("pbx")
                .status(link.connected() && callLog.databaseUp())
                .withData("ami", s.state().name())
                .withData("host", s.host() + ":" + s.port())
                .withData("asteriskVersion", String.valueOf(s.asteriskVersion()))
                .withData("since", s.since().toString())
                .withData("reconnects", s.reconnects())
                .withData("lastError", String.valueOf(s.lastError()))
                .withData("eventsReceived", link.eventsReceived())
                .withData("database", callLog.databaseUp() ? "UP" : "DOWN")
                .withData("callLogBacklog", callLog.backlog())
                .withData("callLogJournal", callLog.journalled())
                .build();
    }
}
