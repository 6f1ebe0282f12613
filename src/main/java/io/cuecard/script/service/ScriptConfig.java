package io.cuecard.script.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cuecard.script.*}: the values the script's placeholders are filled with. */
@ConfigMapping(prefix = "cuecard.script")
public interface ScriptConfig {

    /** The centre's name, {@code {centre}} in phrases. */
    @WithDefault("客户服务中心")
    String centre();

    /** The service hotline, {@code {hotline}} in phrases. */
    @WithDefault("400-000-0000")
    String hotline();
}
