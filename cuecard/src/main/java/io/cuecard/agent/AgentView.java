package io.cuecard.agent;

import java.util.List;

/** An agent as the API shows it (never the password). */
public record AgentView(String username, String displayName, String employeeNo, String memberInterface, String extension,
                        List<String> roles, String language) {

    static AgentView of(User user, Agent agent) {
        return new AgentView(user.username, user.displayName, agent.employeeNo, agent.memberInterface, agent.extension,
                user.roleList(), user.language);
    }

    public AgentRef ref() {
        return new AgentRef(username, displayName, employeeNo, memberInterface, extension);
    }
}
