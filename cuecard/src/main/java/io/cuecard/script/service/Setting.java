package io.cuecard.script.service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A run-time setting, stored as JSON text. */
@Entity
@Table(name = "setting")
public class Setting extends PanacheEntityBase {

    @Id
    public String key;

    public String value;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
