import type { ConnectionStatus } from './state';
import type { ClientMessage, ServerFrame } from './types';

/** The part of the browser WebSocket the console uses (a fake one stands in for it in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ConsoleSocketOptions {
  url: string;
  onFrame: (frame: ServerFrame) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** Called once when the server says the session is not logged in; the socket then stays closed. */
  onUnauthorized: () => void;
  /**
   * Asked after a connection attempt that never opened (a refused upgrade looks like any other failure
   * to a browser): resolves false when the session is no longer logged in.
   */
  checkLoggedIn?: () => Promise<boolean>;
  createSocket?: (url: string) => WebSocketLike;
  /** First reconnect delay; doubles per failed attempt up to {@link maxDelayMs}. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

const OPEN = 1;
/** Close codes a server uses to say "not logged in / not allowed". */
const UNAUTHORIZED_CLOSE_CODES = new Set([1008, 4401, 4403]);
/** Our own close code when we drop a connection that skipped a seq. */
const RESYNC_CLOSE_CODE = 4000;

/** Same-origin URL of the console WebSocket. */
export function consoleSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/console`;
}

/**
 * The console's WebSocket to Cuecard: connects, reconnects with backoff (0.5 s doubling to 5 s), checks
 * that frames arrive with contiguous seq numbers starting at 1 with a snapshot, and on a gap drops the
 * connection and opens a fresh one (which starts with a new snapshot).
 */
export class ConsoleSocket {
  private readonly options: Required<Omit<ConsoleSocketOptions, 'checkLoggedIn'>> &
    Pick<ConsoleSocketOptions, 'checkLoggedIn'>;
  private socket: WebSocketLike | null = null;
  private expectedSeq = 1;
  private failedAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(options: ConsoleSocketOptions) {
    this.options = {
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
      minDelayMs: 500,
      maxDelayMs: 5000,
      ...options,
    };
  }

  /** Starts connecting; keeps reconnecting until {@link close} or the server refuses the session. */
  connect(): void {
    this.stopped = false;
    this.openSocket();
  }

  /** Closes the connection for good. */
  close(): void {
    this.stopped = true;
    this.clearTimer();
    this.dropSocket(1000, 'console closed');
  }

  /** Sends a message if the connection is open; returns false (nothing sent) otherwise. */
  send(message: ClientMessage): boolean {
    if (!this.socket || this.socket.readyState !== OPEN || this.expectedSeq === 1) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** The delay before the next reconnect attempt, given how many attempts failed in a row. */
  reconnectDelay(failedAttempts: number): number {
    const { minDelayMs, maxDelayMs } = this.options;
    return Math.min(maxDelayMs, minDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  }

  private openSocket(): void {
    this.clearTimer();
    this.expectedSeq = 1;
    let opened = false;
    const socket = this.options.createSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      opened = true;
      this.options.onStatus('open');
    };
    socket.onmessage = (event) => {
      if (socket === this.socket) this.receive(event.data);
    };
    socket.onerror = () => {
      // a close event always follows; it does the work
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.lost(event.code, opened);
    };
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      console.warn('cuecard: unreadable console frame, resynchronising', data);
      this.resync();
      return;
    }
    const first = this.expectedSeq === 1;
    if (!frame || typeof frame !== 'object' || frame.seq !== this.expectedSeq || (first && frame.type !== 'snapshot')) {
      console.warn(`cuecard: expected frame seq ${this.expectedSeq}, got ${frame?.seq}; resynchronising`);
      this.resync();
      return;
    }
    this.expectedSeq++;
    if (frame.type === 'snapshot') this.failedAttempts = 0;
    this.options.onFrame(frame);
  }

  /** A frame went missing: start over on a new connection, which begins with a fresh snapshot. */
  private resync(): void {
    this.dropSocket(RESYNC_CLOSE_CODE, 'seq gap');
    this.openSocket();
  }

  private lost(code: number, opened: boolean): void {
    if (this.stopped) return;
    if (UNAUTHORIZED_CLOSE_CODES.has(code)) {
      this.unauthorized();
      return;
    }
    this.options.onStatus('down');
    this.failedAttempts++;
    const check = this.options.checkLoggedIn;
    if (opened || !check) {
      this.scheduleReconnect();
      return;
    }
    check().then(
      (loggedIn) => {
        if (this.stopped) return;
        if (loggedIn) this.scheduleReconnect();
        else this.unauthorized();
      },
      () => {
        if (!this.stopped) this.scheduleReconnect();
      },
    );
  }

  private unauthorized(): void {
    this.close();
    this.options.onUnauthorized();
  }

  private scheduleReconnect(): void {
    this.clearTimer();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.openSocket();
    }, this.reconnectDelay(this.failedAttempts));
  }

  private dropSocket(code: number, reason: string): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
    try {
      socket.close(code, reason);
    } catch {
      // already closing
    }
  }

  private clearTimer(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }
}
