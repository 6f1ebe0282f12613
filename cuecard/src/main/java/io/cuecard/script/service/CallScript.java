package io.cuecard.script.service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The script version a call ran with. */
@Entity
@Table(name = "call_script")
public class CallScript extends PanacheEntityBase {

    @Id
    @Column(name = "call_id")
    public String callId;

    @Column(name = "script_id")
    public String scriptId;

    @Column(name = "script_version")
    public int scriptVersion;

    @Column(name = "pinned_at")
    public OffsetDateTime pinnedAt;
}
