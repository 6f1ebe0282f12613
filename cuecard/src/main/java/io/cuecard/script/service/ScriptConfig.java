package io.cuecard.script.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cuecard.script.*}: the values the script's placeholders are filled with. */
@ConfigMapping(prefix = "cuecard.script")
public interface ScriptConfig {

    /** The company or brand the centre answers for, {@code {centre}} in phrases ("{centre}客服中心"). */
    @WithDefault("Cuecard")
    String centre();

    /** The service hotline, {@code {hotline}} in phrases. */
    @WithDefault("400-000-0000")
    String hotline();

    /** The centre's time zone: which day it is for the holiday table. */
    @WithDefault("Asia/Shanghai")
    java.time.ZoneId zone();
}
