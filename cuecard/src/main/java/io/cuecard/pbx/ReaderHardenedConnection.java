package io.cuecard.pbx;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.manager.internal.ManagerReaderImpl;
import org.asteriskjava.manager.internal.backwardsCompatibility.BackwardsCompatibilityForManagerEvents;
import org.jboss.logging.Logger;

/**
 * asterisk-java's connection with its reader's bridge/MeetMe back-compatibility layer switched off. That layer
 * synthesises pre-Asterisk-13 {@code BridgeEvent}s (Cuecard uses BridgeEnter/BridgeLeave, never those) by tracking
 * every bridge in a map on the reader thread, and it throws on a bridge event that lacks {@code BridgeUniqueid} or
 * {@code Channel}: the exception ends the reader thread, and so the AMI link, for one odd packet (found by the AMI
 * fuzzer). It also keeps bridges whose {@code BridgeDestroy} never came forever.
 *
 * <p>And a login fails as soon as the connection closes before Asterisk's banner (a PBX, or a proxy in front of it,
 * accepting TCP but not yet serving AMI): asterisk-java waits for the banner for its whole response timeout (2 s),
 * holding the connection's lock, so even the disconnect cannot be delivered; Cuecard's reconnect loop would be blind
 * for those 2 s after every refused attempt.
 */
final class ReaderHardenedConnection extends ManagerConnectionImpl {

    private static final Logger LOG = Logger.getLogger(ReaderHardenedConnection.class);

    /** Produces no secondary events, keeps no state. */
    private static final BackwardsCompatibilityForManagerEvents NONE = new BackwardsCompatibilityForManagerEvents() {
        @Override
        public ManagerEvent handleEvent(ManagerEvent event) {
            return null;
        }
    };

    /** Ends asterisk-java's wait for the banner; null if it could not be found (the login then waits its 2 s). */
    private final Runnable releaseBannerWait;
    private volatile boolean bannerSeen;

    ReaderHardenedConnection(String host, int port, String username, String secret) {
        setHostname(host);
        setPort(port);
        setUsername(username);
        setPassword(secret);
        installReader();
        releaseBannerWait = bannerWaitRelease();
    }

    /**
     * Runs on the reader's event pump, before asterisk-java takes the connection's lock for the event. A disconnect
     * before the banner ends the login's wait for it: the login then fails at once (as after its time-out).
     */
    @Override
    public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
        if (event instanceof ProtocolIdentifierReceivedEvent) {
            bannerSeen = true;
        } else if (event instanceof DisconnectEvent && getProtocolIdentifier() == null && releaseBannerWait != null) {
            releaseBannerWait.run();
        }
        super.dispatchEvent(event, requiredHandlingTime);
    }

    /** The PBX sent its AMI banner on this connection: it serves AMI (a failed login was then refused by it). */
    boolean bannerSeen() {
        return bannerSeen;
    }

    private Runnable bannerWaitRelease() {
        try {
            Field field = ManagerConnectionImpl.class.getDeclaredField("protocolIdentifier");
            field.setAccessible(true);
            Object wrapper = field.get(this);
            Method setValue = wrapper.getClass().getDeclaredMethod("setValue", String.class);
            setValue.setAccessible(true);
            return () -> {
                try {
                    setValue.invoke(wrapper, (Object) null); // no banner, and the waiting login wakes up
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.debugf("Could not end the wait for the AMI banner: %s", e);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Could not hook asterisk-java's wait for the AMI banner (%s): a connection closed before the banner"
                    + " delays the next login attempt by 2 s", e.toString());
            return null;
        }
    }

    /**
     * Creates the reader as asterisk-java would on connect (it keeps one it finds), with the layer switched off. The
     * library's hooks for this take a package-private type, hence reflection; if it fails the default reader is used.
     */
    private void installReader() {
        try {
            Class<?> dispatcher = Class.forName("org.asteriskjava.manager.internal.Dispatcher");
            Method create = ManagerConnectionImpl.class.getDeclaredMethod("createReader", dispatcher, Object.class);
            create.setAccessible(true);
            Object reader = create.invoke(this, this, this);
            Field compatibility = ManagerReaderImpl.class.getDeclaredField("compatibility");
            compatibility.setAccessible(true);
            compatibility.set(reader, NONE);
            Field readerField = ManagerConnectionImpl.class.getDeclaredField("reader");
            readerField.setAccessible(true);
            readerField.set(this, reader);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Could not switch off asterisk-java's bridge back-compatibility layer (%s): a malformed bridge"
                    + " event may drop the AMI link", e.toString());
        }
    }
}
