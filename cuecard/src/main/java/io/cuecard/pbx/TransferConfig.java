package io.cuecard.pbx;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code cuecard.transfer.*}: how the PBX treats a transferred customer. The same value must be set in asterisk-config
 * ({@code extensions.conf}, context {@code [sub-transfer-target]}); the built-in simulator takes it from here.
 */
@ConfigMapping(prefix = "cuecard.transfer")
public interface TransferConfig {

    /**
     * How long a colleague's phone rings for a transferred customer; unanswered, the customer comes back to the
     * transferring agent when that agent is on no other call, else to the head of the queue.
     */
    @WithDefault("20")
    int ringSeconds();
}
