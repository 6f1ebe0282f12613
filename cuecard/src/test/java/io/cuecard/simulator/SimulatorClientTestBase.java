package io.cuecard.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of plain JUnit tests of asterisk-java against the simulator: before each test a fresh simulator and one
 * asterisk-java connection logged in to it over TCP, every event it delivers collected in {@link #events}; after each
 * test a log-off and the simulator stopped.
 */
public abstract class SimulatorClientTestBase {

    protected PbxSimulator pbx;
    protected ManagerConnection connection;
    protected final List<ManagerEvent> events = new CopyOnWriteArrayList<>();

    /** The simulator's settings (traffic off or on, agents, seed). */
    protected abstract SimulatorSettings settings();

    /** The connection to the simulator's {@code port} (user and secret {@code cuecard}), not yet logged in. */
    protected abstract ManagerConnection connect(int port);

    @BeforeEach
    final void connectToTheSimulator() throws Exception {
        pbx = PbxSimulator.start(settings());
        connection = connect(pbx.port());
        connection.addEventListener(events::add);
        connection.login();
    }

    @AfterEach
    final void stopTheSimulator() {
        try {
            if (connection != null && connection.getState() == ManagerConnectionState.CONNECTED) {
                connection.logoff();
            }
        } finally {
            pbx.close();
        }
    }
}
