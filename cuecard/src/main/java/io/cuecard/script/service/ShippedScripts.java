package io.cuecard.script.service;

import io.cuecard.script.ScriptLoader;
import io.cuecard.script.ScriptWriter;
import java.util.List;

/** The scripts shipped in the jar (script/index.json), as JSON bodies; installed as their first version on first start. */
final class ShippedScripts {

    static List<String> bodies() {
        return ScriptLoader.loadShipped().stream().map(s -> ScriptWriter.write(s, ScriptLoader.Format.JSON)).toList();
    }

    private ShippedScripts() {
    }
}
