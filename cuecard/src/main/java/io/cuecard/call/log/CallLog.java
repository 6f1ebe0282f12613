package io.cuecard.call.log;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One customer call in the call log (read side; {@link CallLogWriter} writes it in batches).
 * {@code view} is the whole call as JSON, the other columns are there to filter and sort.
 */
@Entity
@Table(name = "call_log")
public class CallLog extends PanacheEntityBase {

    @Id
    public String id;

    public String direction;

    @Column(name = "customer_number")
    public String customerNumber;

    public String queue;

    public String campaign;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] agents;

    @Column(name = "placed_by")
    public String placedBy;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    /** A call that ended while Cuecard could not see the PBX: the last moment it was seen up (else null). */
    @Column(name = "ended_after")
    public OffsetDateTime endedAfter;

    /** And when Cuecard saw it gone (else null). */
    @Column(name = "ended_before")
    public OffsetDateTime endedBefore;

    public String outcome;

    public long version;

    @JdbcTypeCode(SqlTypes.JSON)
    public String view;
}
