/** What the agent can do from the console; each sends one message over the console WebSocket. */
export interface ConsoleActions {
  saidIt(callId: string): void;
  closing(callId: string): void;
  /** Sends the notes text; returns the request id the server's hits reply will carry, or null if not sent. */
  notes(callId: string, text: string): number | null;
  disposition(callId: string, code: string): void;
  ready(): void;
}
