package io.cuecard.pbx;

import java.time.Instant;

/** The PBX link went up or down (a CDI event fired by the PBX link, observed by the consoles). */
public record PbxLinkChanged(boolean connected, Instant at) {
}
