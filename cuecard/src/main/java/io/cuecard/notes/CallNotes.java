package io.cuecard.notes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The agent's notes on one call: a draft while typed, final at wrap-up, with its forbidden-phrase hits (JSON). */
@Entity
@Table(name = "call_notes")
public class CallNotes extends PanacheEntityBase {

    @Id
    @Column(name = "call_id")
    public String callId;

    public String agent;

    public String text;

    @JdbcTypeCode(SqlTypes.JSON)
    public String hits;

    public String disposition;

    public String template;

    @JdbcTypeCode(SqlTypes.JSON)
    public String fields;

    public String justification;

    @Column(name = "final")
    public boolean isFinal;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
