package io.cuecard.call;

/**
 * The PBX refused (or did not answer in time) a transfer action {@code agent} sent from the console on call
 * {@code callId}: the agent is told, with the PBX's message.
 */
public record TransferRefused(String callId, String agent, TransferAction action, PbxAnswer answer) {
}
