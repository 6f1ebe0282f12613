package io.cuecard.script.service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** One saved version of a script (its JSON body); versions are never changed, a save adds the next one. */
@Entity
@Table(name = "script_version")
public class ScriptVersion extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "script_id") String scriptId, int version) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    public String name;

    public String language;

    public String body;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;
}
