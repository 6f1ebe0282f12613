/**
 * Cuecard's built-in PBX simulator: a real AMI server over TCP that speaks like Asterisk 22 (banner
 * {@code Asterisk Call Manager/11.0.0}, MD5 challenge login, CoreSettings, Command, list actions) and emits the events of
 * simulated queue and follow-up calls as recorded from a real Asterisk in {@code cuecard/src/test/resources/ami-traces}. Entry point:
 * {@link io.cuecard.simulator.PbxSimulator}. Plain Java, no CDI; thread-safe.
 */
package io.cuecard.simulator;
