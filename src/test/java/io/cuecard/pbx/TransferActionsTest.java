package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.internal.ActionBuilderImpl;
import org.junit.jupiter.api.Test;

/** The AMI transfer actions as asterisk-java writes them on the wire. */
class TransferActionsTest {

    @Test
    void blindTransferNamesChannelExtenAndContext() {
        String wire = new ActionBuilderImpl().buildAction(
                new BlindTransferAction("PJSIP/agent1-00000005", "202", "agents"), "a1");

        assertThat(wire.toLowerCase()).contains("action: blindtransfer\r\n");
        assertThat(wire).contains("channel: PJSIP/agent1-00000005\r\n", "exten: 202\r\n", "context: agents\r\n",
                "actionid: a1\r\n");
    }

    @Test
    void atxferIsSentWithTheAgentsContextAndPriorityOne() {
        String wire = new ActionBuilderImpl().buildAction(new AtxferAction("PJSIP/agent1-00000005", "agents", "202", 1), "a2");

        assertThat(wire.toLowerCase()).contains("action: atxfer\r\n");
        assertThat(wire).contains("channel: PJSIP/agent1-00000005\r\n", "exten: 202\r\n", "context: agents\r\n",
                "priority: 1\r\n");
    }
}
