package io.cuecard.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cuecard.call.CallView;
import io.cuecard.script.service.ScriptLibrary;
import io.cuecard.script.service.ScriptPins;
import io.cuecard.script.service.ScriptService;
import io.cuecard.testsupport.TestCalls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading a call's prompt never writes its script pin; the pin observer records it when the call is first seen. */
@QuarkusTest
class ScriptPinsTest {

    @Inject
    ScriptService scripts;

    @Inject
    ScriptLibrary library;

    @Inject
    ScriptPins pins;

    @Test
    void aPromptOnlyReadsAndTheObserverPinsTheCall() throws Exception {
        CallView call = TestCalls.call("pins-" + UUID.randomUUID(), 1, true);
        var prompt = scripts.prompt(call);
        Thread.sleep(300); // the pin writer's thread would have written by now
        assertThat(library.pinOf(call.id())).as("no pin after a prompt").isEmpty();

        pins.callChanged(new io.cuecard.call.CallChange(call, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> library.pinOf(call.id()).isPresent());
        assertThat(library.pinOf(call.id()).orElseThrow().scriptVersion).isEqualTo(prompt.version());
        assertThat(library.pinOf(call.id()).orElseThrow().scriptId).isEqualTo(prompt.id());
        // the prompt the console shows and the pin agree
        assertThat(library.forCall(call).version()).isEqualTo(prompt.version());
    }
}
