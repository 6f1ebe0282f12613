package io.cuecard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryAgentDirectoryTest {

    final AgentRef agent1 = new AgentRef("agent1", "Agent One", "E1", "PJSIP/agent1", "201");

    @Test
    void findsAgentsByUsernameInterfaceAndExtension() {
        InMemoryAgentDirectory directory = InMemoryAgentDirectory.of(agent1);

        assertThat(directory.byUsername("agent1")).contains(agent1);
        assertThat(directory.byInterface("PJSIP/agent1")).contains(agent1);
        assertThat(directory.byExtension("201")).contains(agent1);
        assertThat(directory.byInterface("PJSIP/customer")).isEmpty();
        assertThat(directory.byExtension(null)).isEmpty();
        assertThat(directory.all()).containsExactly(agent1);
    }

    @Test
    void replacingAnAgentDropsItsOldInterfaceAndExtension() {
        InMemoryAgentDirectory directory = InMemoryAgentDirectory.of(agent1);
        AgentRef moved = new AgentRef("agent1", "Agent One", "E1", "PJSIP/desk7", "207");

        directory.put(moved);

        assertThat(directory.byInterface("PJSIP/agent1")).isEmpty();
        assertThat(directory.byExtension("201")).isEmpty();
        assertThat(directory.byInterface("PJSIP/desk7")).contains(moved);
        directory.remove("agent1");
        assertThat(directory.all()).isEmpty();
    }
}
