package io.cuecard.script.service;

import io.cuecard.script.ScriptLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The scripts shipped in the jar, installed as version 1 on first start. */
final class ShippedScripts {

    static List<String> bodies() {
        return List.of(read(ScriptLoader.DEFAULT_RESOURCE));
    }

    private static String read(String resource) {
        try (InputStream in = ShippedScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("shipped script " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ShippedScripts() {
    }
}
