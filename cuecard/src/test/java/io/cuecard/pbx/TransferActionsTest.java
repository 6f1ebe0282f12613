package io.cuecard.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.junit.jupiter.api.Test;

/** The AMI transfer actions as asterisk-java writes them on the wire. */
class TransferActionsTest {

    /** asterisk-java's own (package-private) action writer, the one ManagerConnection sends with. */
    private static String wire(ManagerAction action, String actionId) throws Exception {
        Class<?> builder = Class.forName("org.asteriskjava.manager.internal.ActionBuilderImpl");
        Constructor<?> constructor = builder.getDeclaredConstructor();
        constructor.setAccessible(true);
        Method build = builder.getDeclaredMethod("buildAction", ManagerAction.class, String.class);
        build.setAccessible(true);
        return (String) build.invoke(constructor.newInstance(), action, actionId);
    }

    @Test
    void blindTransferNamesChannelExtenAndContext() throws Exception {
        String wire = wire(new BlindTransferAction("PJSIP/agent1-00000005", "202", "agents"), "a1");

        assertThat(wire.toLowerCase()).contains("action: blindtransfer\r\n");
        assertThat(wire).contains("channel: PJSIP/agent1-00000005\r\n", "exten: 202\r\n", "context: agents\r\n");
    }

    @Test
    void atxferIsSentWithTheAgentsContextAndPriorityOne() throws Exception {
        String wire = wire(new AtxferAction("PJSIP/agent1-00000005", "agents", "202", 1), "a2");

        assertThat(wire.toLowerCase()).contains("action: atxfer\r\n");
        assertThat(wire).contains("channel: PJSIP/agent1-00000005\r\n", "exten: 202\r\n", "context: agents\r\n",
                "priority: 1\r\n");
    }
}
