import type { NoteStructure, TransferRequest } from './types';

/** What the agent can do from the console; each sends one message over the console WebSocket. */
export interface ConsoleActions {
  saidIt(callId: string): void;
  closing(callId: string): void;
  /**
   * Sends the notes text with its structured template and fields; returns the request id the server's hits
   * reply will carry, or null if not sent.
   */
  notes(callId: string, text: string, structure: NoteStructure): number | null;
  disposition(callId: string, code: string): void;
  /** Ends wrap-up; the justification explains blocked phrases left in the notes (null: none given). */
  ready(justification: string | null): void;
  /** The customer agreed to be put on hold (row 3). Returns whether it was sent. */
  holdConsent(callId: string): boolean;
  /** The customer agreed to be transferred (row 7). Returns whether it was sent. */
  transferConsent(callId: string): boolean;
  /** Asks the server to transfer the call. Returns whether it was sent. */
  transfer(callId: string, request: TransferRequest): boolean;
  /** While consulting a colleague (attended transfer): hand the customer over to them. Returns whether it was sent. */
  completeTransfer(callId: string): boolean;
  /** While consulting a colleague: end the consultation, back to the customer. Returns whether it was sent. */
  cancelTransfer(callId: string): boolean;
  /** The transfer target did not answer: log a callback task with this note (row 9). Returns whether it was sent. */
  callback(callId: string, note: string): boolean;
}
