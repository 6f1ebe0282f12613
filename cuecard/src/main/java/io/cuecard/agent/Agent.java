package io.cuecard.agent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The telephony side of an agent: the queue member interface and extension the PBX knows them by. */
@Entity
@Table(name = "agent")
public class Agent extends PanacheEntityBase {

    @Id
    public String username;

    @Column(name = "employee_no")
    public String employeeNo;

    @Column(name = "member_interface")
    public String memberInterface;

    public String extension;

    public static String defaultInterface(String username) {
        return "PJSIP/" + username;
    }
}
