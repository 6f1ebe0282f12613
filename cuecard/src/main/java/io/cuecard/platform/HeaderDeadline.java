package io.cuecard.platform;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP connection's deadline for a request head (request line and headers): the connection is closed when a
 * head is not complete within the limit of the connection's opening, or of the first byte after the previous
 * request was answered. A keep-alive connection with nothing to say is the idle timeout's business, not this one's.
 * <p>
 * The first handler of the connection's Netty pipeline (so it sees every byte, before TLS and HTTP decoding); it
 * learns from {@link SlowClients}, which sees each request as soon as its head is decoded, when a head is complete
 * and when its answer is done. After a WebSocket upgrade or on HTTP/2 it stays out of the way for good.
 * Runs on the connection's event loop only.
 */
final class HeaderDeadline extends ChannelInboundHandlerAdapter {

    static final String NAME = "cuecard-header-deadline";
    static final AttributeKey<HeaderDeadline> KEY = AttributeKey.valueOf("cuecard.header-deadline");

    enum State { AWAITING_HEAD, IN_REQUEST, IDLE, OFF }

    private final long timeoutNanos;
    private final AtomicLong closed;
    private ChannelHandlerContext ctx;
    private State state = State.AWAITING_HEAD;
    private ScheduledFuture<?> timer;

    HeaderDeadline(long timeoutNanos, AtomicLong closed) {
        this.timeoutNanos = timeoutNanos;
        this.closed = closed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().attr(KEY).set(this);
        if (ctx.channel().isActive()) {
            arm();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (state == State.AWAITING_HEAD) {
            arm();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (state == State.IDLE) {
            state = State.AWAITING_HEAD;
            arm();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    /** A request's head was decoded: no deadline while it is being answered. */
    void headReceived() {
        if (state != State.OFF) {
            state = State.IN_REQUEST;
            cancel();
        }
    }

    /** The answer is done: the next byte starts the next head's deadline. */
    void answered() {
        if (state == State.IN_REQUEST) {
            state = State.IDLE;
        }
    }

    /** A WebSocket or HTTP/2 connection: frames, not request heads, from now on. */
    void off() {
        state = State.OFF;
        cancel();
    }

    State state() {
        return state;
    }

    private void arm() {
        cancel();
        if (ctx != null) {
            timer = ctx.executor().schedule(this::expired, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired() {
        timer = null;
        if (state == State.AWAITING_HEAD && ctx.channel().isActive()) {
            closed.incrementAndGet();
            ctx.close();
        }
    }
}
