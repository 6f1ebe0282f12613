package io.cuecard.agent.rest;

import io.cuecard.agent.AgentRequest;
import io.cuecard.agent.AgentService;
import io.cuecard.agent.AgentView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** Agents and their console users; admins change them, supervisors may read them. */
@Path("/api/agents")
public class AgentResource {

    @Inject
    AgentService agents;

    @GET
    @RolesAllowed({"supervisor", "admin"})
    public List<AgentView> list() {
        return agents.list();
    }

    @GET
    @Path("{username}")
    @RolesAllowed({"supervisor", "admin"})
    public AgentView get(@PathParam("username") String username) {
        return agents.get(username);
    }

    @POST
    @RolesAllowed("admin")
    public RestResponse<AgentView> create(AgentRequest request) {
        if (request == null) {
            throw new jakarta.ws.rs.BadRequestException("A JSON body is required");
        }
        AgentView created = agents.create(request);
        return RestResponse.ResponseBuilder.<AgentView>created(URI.create("/api/agents/" + created.username())).entity(created).build();
    }

    @PUT
    @Path("{username}")
    @RolesAllowed("admin")
    public AgentView update(@PathParam("username") String username, AgentRequest request) {
        if (request == null) {
            throw new jakarta.ws.rs.BadRequestException("A JSON body is required");
        }
        return agents.update(username, request);
    }

    @DELETE
    @Path("{username}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("username") String username) {
        agents.delete(username);
        return Response.noContent().build();
    }
}
