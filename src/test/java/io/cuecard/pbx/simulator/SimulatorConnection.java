package io.cuecard.pbx.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * For plain JUnit tests of asterisk-java against the simulator: a fresh simulator and one asterisk-java connection
 * logged in to it over TCP, every event it delivers collected. Closing logs off and stops the simulator.
 */
public final class SimulatorConnection implements AutoCloseable {

    public final PbxSimulator pbx;
    public final ManagerConnection connection;
    public final List<ManagerEvent> events = new CopyOnWriteArrayList<>();

    /** {@code connect}: the connection to the simulator's port (user and secret {@code cuecard}), not yet logged in. */
    public SimulatorConnection(SimulatorSettings settings, IntFunction<ManagerConnection> connect) throws Exception {
        pbx = PbxSimulator.start(settings);
        connection = connect.apply(pbx.port());
        connection.addEventListener(events::add);
        connection.login();
    }

    @Override
    public void close() {
        try {
            if (connection.getState() == ManagerConnectionState.CONNECTED) {
                connection.logoff();
            }
        } finally {
            pbx.close();
        }
    }
}
