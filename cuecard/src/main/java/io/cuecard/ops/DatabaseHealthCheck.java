package io.cuecard.ops;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The {@code database} health group ({@code /q/health/group/database}): PostgreSQL is asked on every request
 * ({@code database}: it answered within a second) and the call log writer's last write must have succeeded
 * ({@code callLogWrites}); {@code callLogBacklog} counts calls waiting to be written, {@code callLogJournal} those
 * spilled to the journal on disk. DOWN while the database cannot be reached: the call log is buffered meanwhile and
 * nothing is lost. Like the {@code pbx} group, not a readiness check: every instance shares the database, so taking
 * them all out of a load balancer would only turn a late call log into an outage.
 */
@HealthGroup("database")
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Inject
    CallLogHealth callLog;

    @Override
    public HealthCheckResponse call() {
        boolean database = callLog.databaseReachable();
        boolean writes = callLog.writesSucceeding();
        return HealthCheckResponse.named("database")
                .status(database && writes)
                .withData("database", database ? "UP" : "DOWN")
                .withData("callLogWrites", writes ? "OK" : "FAILING")
                .withData("callLogBacklog", callLog.backlog())
                .withData("callLogJournal", callLog.journalled())
                .build();
    }
}
