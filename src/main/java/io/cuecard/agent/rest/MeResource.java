package io.cuecard.agent.rest;

import io.cuecard.agent.Agent;
import io.cuecard.agent.User;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;

/** The logged-in user: who they are, their console language. */
@Path("/api/me")
@Authenticated
public class MeResource {

    /** What the console shows in its header. */
    public record Me(String username, String displayName, String employeeNo, List<String> roles, String language) {
    }

    public record LanguageChange(String language) {
    }

    @Inject
    SecurityIdentity identity;

    @GET
    @Transactional
    public Me me() {
        User user = User.findByUsername(identity.getPrincipal().getName()).orElseThrow();
        Agent agent = Agent.findById(user.username);
        return new Me(user.username, user.displayName, agent == null ? null : agent.employeeNo, user.roleList(), user.language);
    }

    @PUT
    @Path("language")
    @Transactional
    public void language(LanguageChange change) {
        if (change == null || change.language() == null || !List.of("zh-CN", "en").contains(change.language())) {
            throw new BadRequestException("language must be zh-CN or en");
        }
        User.findByUsername(identity.getPrincipal().getName()).orElseThrow().language = change.language();
    }
}
