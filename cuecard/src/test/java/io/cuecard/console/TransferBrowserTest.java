package io.cuecard.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.PbxSimulator;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.Chromium;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 8, in a real browser (zh-CN): a transfer the PBX refuses shows the PBX's refusal in the transfer panel,
 * in the console's words; a transfer the PBX makes shows the colleague taking the call, and the transferring agent
 * wraps up (disposition, Ready) while the call goes on with the colleague.
 */
@QuarkusTest
class TransferBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    BuiltInPbx pbx;

    @BeforeAll
    static void launch() throws Exception {
        ConsoleBrowserTest.launch();
    }

    @AfterAll
    static void close() {
        ConsoleBrowserTest.close();
    }

    @Test
    void aRefusedTransferIsShownAndTheTransfererWrapsUpAfterATransfer() {
        Page agent = ConsoleBrowserTest.login(ConsoleBrowserTest.browser, base, "agent1");
        FreeAgents.free("agent1", "agent2");
        SimulatedCall call = pbx.simulator(PbxSimulator.class).inboundCall("+8613900139111", "service")
                .ringAgent("PJSIP/agent1").answer();
        PlaywrightAssertions.assertThat(agent.getByTestId("stage")).hasAttribute("data-stage", "greeting");
        agent.keyboard().press("F2");
        PlaywrightAssertions.assertThat(agent.getByTestId("stage")).hasAttribute("data-stage", "conversation");

        // a blind transfer to an extension nobody has: the PBX (simulator) answers "Response: Error"
        agent.getByTestId("transfer-target-kind").selectOption("extension");
        agent.getByTestId("transfer-target").fill("299");
        agent.getByTestId("transfer-consent").check();
        agent.getByTestId("transfer-button").click();
        PlaywrightAssertions.assertThat(agent.getByTestId("transfer-error")).hasText("转接被拒绝：电话系统拒绝了直接转接：Transfer failed");
        PlaywrightAssertions.assertThat(agent.getByTestId("transfer-progress-text")).hasText("转接未完成，客户仍在您这里。");
        agent.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("console-transfer-refused.png")));

        // an attended transfer to agent2 (the simulator hands the customer over at once and agent2's phone answers)
        agent.getByTestId("transfer-mode").selectOption("attended");
        agent.getByTestId("transfer-target-kind").selectOption("extension");
        agent.getByTestId("transfer-target").fill("202");
        agent.getByTestId("transfer-consent").check();
        agent.getByTestId("transfer-button").click();
        Locator progress = agent.getByTestId("transfer-progress-text");
        PlaywrightAssertions.assertThat(progress).containsText("已接起电话，转接完成。");
        PlaywrightAssertions.assertThat(agent.getByTestId("agent-state")).hasAttribute("data-state", "wrap-up");
        agent.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("console-transfer-completed.png")));

        agent.getByTestId("disposition").selectOption("consulting");
        agent.getByTestId("ready").click();
        PlaywrightAssertions.assertThat(agent.getByTestId("idle")).isVisible();
        call.customerHangsUp();
        FreeAgents.free("agent1", "agent2");
    }
}
