package io.cuecard.platform;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ServerChannel;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Slow clients cannot pile up connections: a request head (request line and headers) must be complete within
 * {@code cuecard.http.header-timeout} (10 s), a connection with nothing going on closes after
 * {@code quarkus.http.idle-timeout} (60 s), and console WebSockets are pinged
 * ({@code quarkus.websockets-next.server.auto-ping-interval}) so that a quiet console is not idle.
 * <p>
 * Vert.x 4 has idle timeouts but no deadline for a request head: a client that sends one header byte every few
 * seconds is never idle and holds its connection for ever. Quarkus owns the Vert.x HTTP server and offers no hook
 * for new connections, so Cuecard puts a handler in front of the listening Netty channel (found on Vert.x's acceptor
 * event loop, by the ports of Vert.x's HTTP servers): it adds a {@link HeaderDeadline} as the first handler of
 * every accepted connection. The first route of the router tells that deadline when a head is complete and when
 * its answer is done. See docs/architecture.md ("Slow clients").
 */
@ApplicationScoped
public class SlowClients {

    private static final Logger LOG = Logger.getLogger(SlowClients.class);

    static final String ACCEPT_HOOK = "cuecard-header-deadline-hook";

    private final Vertx vertx;
    private final long timeoutNanos;
    private final AtomicLong closed = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Set<Channel> hooked = ConcurrentHashMap.newKeySet();

    public SlowClients(Vertx vertx, MeterRegistry registry,
                       @ConfigProperty(name = "cuecard.http.header-timeout", defaultValue = "10s") Duration headerTimeout) {
        this.vertx = vertx;
        this.timeoutNanos = headerTimeout.isNegative() ? 0 : headerTimeout.toNanos();
        FunctionCounter.builder("cuecard_http_header_timeouts_total", closed, AtomicLong::doubleValue)
                .description("Connections closed because a request head was not complete within cuecard.http.header-timeout")
                .register(registry);
    }

    /** Quarkus fires these asynchronously once the server listens. */
    void onHttp(@ObservesAsync HttpServerStart started) {
        install();
    }

    void onHttps(@ObservesAsync HttpsServerStart started) {
        install();
    }

    /** First route of all: a request whose head is decoded; its answer done. */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::track);
    }

    /** Connections the header deadline closed so far. */
    public long closedConnections() {
        return closed.get();
    }

    /** How many listening channels carry the hook (for tests and the start-up check). */
    int hookedServerChannels() {
        hooked.removeIf(c -> !c.isOpen());
        return hooked.size();
    }

    void track(RoutingContext rc) {
        if (timeoutNanos > 0) {
            HeaderDeadline deadline = deadlineOf(rc.request().connection());
            if (deadline != null) {
                if (rc.request().version() == HttpVersion.HTTP_2) {
                    deadline.off(); // streams of one connection: left to HTTP/2's own limits and the idle timeout
                } else {
                    deadline.headReceived();
                    boolean upgrade = RequestGate.isWebSocketUpgrade(rc.request());
                    rc.addEndHandler(ended -> {
                        if (upgrade && (ended.failed() || rc.response().getStatusCode() == 101)) {
                            deadline.off();
                        } else {
                            deadline.answered();
                        }
                    });
                }
            }
        }
        rc.next();
    }

    private static HeaderDeadline deadlineOf(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            return base.channel().attr(HeaderDeadline.KEY).get();
        }
        return null;
    }

    void install() {
        if (timeoutNanos == 0) {
            LOG.debug("cuecard.http.header-timeout is 0: no deadline for request heads");
            return;
        }
        try {
            VertxInternal internal = (VertxInternal) vertx;
            Set<Integer> ports = new HashSet<>();
            for (HttpServerImpl server : internal.sharedHttpServers().values()) {
                ports.add(server.actualPort());
            }
            List<SingleThreadEventLoop> loops = new ArrayList<>();
            for (EventExecutor executor : internal.getAcceptorEventLoopGroup()) {
                if (executor instanceof SingleThreadEventLoop loop) {
                    loops.add(loop);
                }
            }
            if (loops.isEmpty()) {
                warnNotEnforced("no acceptor event loop");
                return;
            }
            AtomicInteger pending = new AtomicInteger(loops.size());
            for (SingleThreadEventLoop loop : loops) {
                loop.execute(() -> {
                    hookServerChannels(loop, ports);
                    if (pending.decrementAndGet() == 0 && hookedServerChannels() == 0) {
                        warnNotEnforced("no listening channel on the ports " + ports);
                    }
                });
            }
        } catch (RuntimeException | LinkageError e) {
            warnNotEnforced(e.toString());
        }
    }

    private void hookServerChannels(SingleThreadEventLoop loop, Set<Integer> ports) {
        try {
            Iterator<Channel> channels = loop.registeredChannelsIterator();
            while (channels.hasNext()) {
                Channel channel = channels.next();
                if (channel instanceof ServerChannel && channel.localAddress() instanceof InetSocketAddress address
                        && ports.contains(address.getPort()) && channel.pipeline().get(ACCEPT_HOOK) == null) {
                    channel.pipeline().addFirst(ACCEPT_HOOK, new AcceptHook());
                    hooked.add(channel);
                    LOG.debugf("HTTP request heads on %s must be complete within %d ms", address, timeoutNanos / 1_000_000);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            warnNotEnforced(e.toString());
        }
    }

    private void warnNotEnforced(String why) {
        if (warned.compareAndSet(false, true)) {
            LOG.warnf("cuecard.http.header-timeout is not enforced (this Vert.x version does not let Cuecard reach its "
                    + "listening channel: %s); slow clients are then limited by quarkus.http.idle-timeout only", why);
        }
    }

    /** On the listening channel: every accepted connection gets its own deadline as its first handler. */
    @ChannelHandler.Sharable
    private final class AcceptHook extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof Channel child) {
                child.pipeline().addFirst(HeaderDeadline.NAME, new HeaderDeadline(timeoutNanos, closed));
            }
            super.channelRead(ctx, msg);
        }
    }
}
