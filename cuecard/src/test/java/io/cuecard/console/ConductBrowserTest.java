package io.cuecard.console;

import io.cuecard.simulator.PbxSimulator;
import static io.cuecard.TestUsers.supervisor;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.Chromium;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consent rules in a real browser: the transfer button stays disabled until the customer's consent is ticked; a
 * hold placed from the phone without consent is flagged in the supervisor's call detail; a long hold (2 s here)
 * brings up the in-hold prompt (row 5).
 */
@QuarkusTest
@TestProfile(ConductBrowserTest.ShortLongHold.class)
class ConductBrowserTest {

    public static class ShortLongHold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cuecard.call.long-hold", "2s");
        }
    }

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
    void transferNeedsConsentAndAnUnconsentedLongHoldIsFlagged() {
        Page agent = ConsoleBrowserTest.login(ConsoleBrowserTest.browser, base, "agent1");
        FreeAgents.free("agent1");
        SimulatedCall call = pbx.simulator(PbxSimulator.class).inboundCall("+8613900139000", "service").ringAgent("PJSIP/agent1").answer();
        PlaywrightAssertions.assertThat(agent.getByTestId("stage")).hasAttribute("data-stage", "greeting");
        agent.keyboard().press("F2");
        PlaywrightAssertions.assertThat(agent.getByTestId("stage")).hasAttribute("data-stage", "conversation");

        PlaywrightAssertions.assertThat(agent.getByTestId("transfer-button")).isDisabled();
        agent.getByTestId("transfer-consent").check();
        PlaywrightAssertions.assertThat(agent.getByTestId("transfer-button")).isEnabled();
        agent.getByTestId("transfer-consent").uncheck();
        PlaywrightAssertions.assertThat(agent.getByTestId("transfer-button")).isDisabled();

        call.hold();   // from the phone, nobody asked the customer
        PlaywrightAssertions.assertThat(agent.getByTestId("stage")).hasAttribute("data-stage", "hold");
        PlaywrightAssertions.assertThat(agent.getByTestId("in-hold-prompt")).isVisible(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
        PlaywrightAssertions.assertThat(agent.getByTestId("phrase")).containsText("系统处理要花一些时间");
        agent.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("console-long-hold.png")));
        call.unhold();
        call.customerHangsUp();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> supervisor().get("/api/calls/{id}", call.linkedid())
                .then().body("endedAt", notNullValue()).body("flags.rule", hasItem("hold-without-consent")));

        Page supervisorPage = ConsoleBrowserTest.login(ConsoleBrowserTest.browser, base, "supervisor");
        supervisorPage.getByTestId("nav-calls").click();
        supervisorPage.locator("[data-testid=calls-row][data-call-id='" + call.linkedid() + "']").click();
        PlaywrightAssertions.assertThat(supervisorPage.locator("[data-testid=call-detail] [data-testid=flag][data-rule=hold-without-consent]"))
                .isVisible();
        supervisorPage.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("call-detail-flags.png")));
    }
}
