import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleSocket, consoleSocketUrl } from './socket';
import type { ConnectionStatus } from './state';
import { FakeSocket } from './test/fakeSocket';
import type { ServerFrame } from './types';

const latest = () => FakeSocket.all[FakeSocket.all.length - 1];
const snapshot = (seq = 1) => ({ seq, type: 'snapshot', pbx: { connected: true }, calls: [], agentState: { state: 'idle', callId: null, wrapUpEndsAt: null }, dispositions: [] });

function start(checkLoggedIn?: () => Promise<boolean>) {
  const frames: ServerFrame[] = [];
  const statuses: ConnectionStatus[] = [];
  const onUnauthorized = vi.fn();
  const socket = new ConsoleSocket({
    url: 'ws://cuecard.test/ws/console',
    createSocket: (url) => new FakeSocket(url),
    onFrame: (frame) => frames.push(frame),
    onStatus: (status) => statuses.push(status),
    onUnauthorized,
    checkLoggedIn,
  });
  socket.connect();
  return { socket, frames, statuses, onUnauthorized };
}

/** Lets pending promise callbacks run under fake timers. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('ConsoleSocket', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('builds the same-origin URL', () => {
    expect(consoleSocketUrl({ protocol: 'https:', host: 'cc.example:8443' })).toBe('wss://cc.example:8443/ws/console');
    expect(consoleSocketUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws/console');
  });

  it('passes frames on in order and sends messages once the snapshot is in', () => {
    const { socket, frames, statuses } = start();
    expect(FakeSocket.all).toHaveLength(1);
    expect(latest().url).toBe('ws://cuecard.test/ws/console');
    latest().open();
    expect(socket.send({ type: 'ready', justification: null })).toBe(false); // no snapshot yet
    latest().frame(snapshot());
    latest().frame({ seq: 2, type: 'pbx', connected: false });
    expect(frames.map((f) => f.type)).toEqual(['snapshot', 'pbx']);
    expect(statuses).toEqual(['open']);
    expect(socket.send({ type: 'said-it', callId: 'c1' })).toBe(true);
    expect(latest().sent).toEqual([{ type: 'said-it', callId: 'c1' }]);
  });

  it('on a seq gap drops the connection and opens a fresh one at once', () => {
    const { frames } = start();
    const first = latest();
    first.open();
    first.frame(snapshot());
    first.frame({ seq: 2, type: 'pbx', connected: true });
    first.frame({ seq: 4, type: 'pbx', connected: false }); // seq 3 went missing
    expect(frames).toHaveLength(2);
    expect(first.closedWith).toBe(4000);
    expect(FakeSocket.all).toHaveLength(2);

    // late frames from the dropped connection are ignored
    first.frame({ seq: 5, type: 'pbx', connected: false });
    expect(frames).toHaveLength(2);

    const second = latest();
    second.open();
    second.frame(snapshot());
    expect(frames.map((f) => f.type)).toEqual(['snapshot', 'pbx', 'snapshot']);
  });

  it('treats a first frame that is not a snapshot, and an unreadable frame, as a gap', () => {
    start();
    latest().open();
    latest().frame({ seq: 1, type: 'pbx', connected: true });
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    latest().frame(snapshot());
    latest().raw('{broken');
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('reconnects with backoff 0.5 s doubling to 5 s, and starts over after a snapshot', () => {
    const { statuses } = start();
    latest().open();
    latest().frame(snapshot());
    latest().drop();
    expect(statuses).toEqual(['open', 'down']);

    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const count = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === count) {
        vi.advanceTimersByTime(100);
        waited += 100;
        if (waited > 10_000) throw new Error('no reconnect');
      }
      delays.push(waited);
      latest().drop(); // this attempt fails too
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000]);

    vi.advanceTimersByTime(5000);
    latest().open();
    latest().frame(snapshot());
    latest().drop();
    const count = FakeSocket.all.length;
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(count);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(count + 1);
  });

  it('computes the backoff schedule', () => {
    const { socket } = start();
    expect([1, 2, 3, 4, 5, 9].map((n) => socket.reconnectDelay(n))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('goes to login when the server closes with an unauthorized code, and stops', () => {
    const { onUnauthorized } = start();
    latest().open();
    latest().drop(4401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('after a refused upgrade asks whether still logged in: no → login, no reconnect', async () => {
    const check = vi.fn().mockResolvedValue(false);
    const { onUnauthorized } = start(check);
    latest().drop(); // never opened
    await settle();
    expect(check).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('after a failed attempt while still logged in (or the check fails) keeps retrying', async () => {
    const check = vi.fn().mockResolvedValueOnce(true).mockRejectedValueOnce(new Error('offline'));
    const { onUnauthorized } = start(check);
    latest().drop();
    await settle();
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop();
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all).toHaveLength(3);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('does not ask about the session when an open connection is lost', async () => {
    const check = vi.fn().mockResolvedValue(true);
    start(check);
    latest().open();
    latest().frame(snapshot());
    latest().drop();
    await settle();
    expect(check).not.toHaveBeenCalled();
  });

  it('close() stops for good', () => {
    const { socket } = start();
    latest().open();
    socket.close();
    expect(latest().closedWith).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(socket.send({ type: 'ready', justification: null })).toBe(false);
  });
});
