package io.cuecard.agent;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Someone who logs in to the console: an agent, a supervisor or an admin (roles, comma separated). */
@Entity
@Table(name = "app_user")
@UserDefinition
public class User extends PanacheEntityBase {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    public static final List<String> ROLES = List.of(AGENT, SUPERVISOR, ADMIN);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Username
    public String username;

    @Password
    @Column(name = "password_hash")
    public String passwordHash;

    @Roles
    public String roles;

    @Column(name = "display_name")
    public String displayName;

    public String language;

    public static Optional<User> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public void setPassword(String plain) {
        passwordHash = BcryptUtil.bcryptHash(plain);
    }

    public List<String> roleList() {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
