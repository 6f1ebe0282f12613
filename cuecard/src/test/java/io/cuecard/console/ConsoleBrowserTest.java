package io.cuecard.console;

import io.cuecard.simulator.PbxSimulator;
import static io.cuecard.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.cuecard.pbx.BuiltInPbx;
import io.cuecard.simulator.SimulatedCall;
import io.cuecard.testsupport.Chromium;
import io.cuecard.testsupport.FreeAgents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An agent in a real browser (Debian's chromium, driven by Playwright): logs in, takes a call from the simulator,
 * follows the script through greeting, hold and resume, types notes with forbidden phrases, and finds the call in
 * the history and the call log. Screenshots go to {@code target/screenshots/}.
 */
@QuarkusTest
class ConsoleBrowserTest {

    static Playwright playwright;
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    BuiltInPbx pbx;

    @BeforeAll
    static void launch() throws Exception {
        playwright = Playwright.create();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void close() {
        Chromium.close(browser, playwright);
    }

    static Page login(Browser browser, URL base, String user) {
        Page page = Chromium.newPage(browser, "zh-CN");
        Chromium.logIn(page, base + "login.html", user, user);
        return page;
    }

    @Test
    void agentFollowsTheScriptAndForbiddenPhrasesAreMarked() throws Exception {
        Page page = login(browser, base, "agent1");
        PlaywrightAssertions.assertThat(page.getByTestId("banner-disconnected")).isHidden();

        FreeAgents.free("agent1");
        SimulatedCall call = pbx.simulator(PbxSimulator.class).inboundCall("+8613800138000", "service");
        call.ringAgent("PJSIP/agent1").answer();

        Locator stage = page.getByTestId("stage");
        Locator phrase = page.getByTestId("phrase");
        PlaywrightAssertions.assertThat(stage).hasAttribute("data-stage", "greeting");
        PlaywrightAssertions.assertThat(phrase).containsText("您好");
        page.keyboard().press("F2");  // "said it"
        PlaywrightAssertions.assertThat(stage).hasAttribute("data-stage", "conversation");

        call.hold();
        PlaywrightAssertions.assertThat(stage).hasAttribute("data-stage", "hold");
        PlaywrightAssertions.assertThat(phrase).containsText("请您稍等");

        call.unhold();
        PlaywrightAssertions.assertThat(stage).hasAttribute("data-stage", "conversation");
        PlaywrightAssertions.assertThat(phrase).containsText("让您久等了");

        page.getByTestId("notes").fill("喂，客户问保修期，我不知道具体日期，稍后回电。");
        Locator hits = page.getByTestId("hit");
        PlaywrightAssertions.assertThat(hits).hasCount(2);
        assertThat(hits.evaluateAll("els => els.map(e => e.dataset.phrase)")).asList().containsExactly("喂", "我不知道");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Chromium.SCREENSHOTS.resolve("console-during-call.png")));

        call.customerHangsUp();
        PlaywrightAssertions.assertThat(stage).hasAttribute("data-stage", "wrap-up");
        PlaywrightAssertions.assertThat(page.locator("[data-testid=history-row][data-call-id='" + call.linkedid() + "']")).isVisible();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("agent1").get("/api/calls/{id}", call.linkedid())
                .then().statusCode(200).body("endedAt", notNullValue()));
        JsonPath logged = as("agent1").get("/api/calls/{id}", call.linkedid()).then().statusCode(200).extract().jsonPath();
        assertThat(logged.getString("notes")).contains("我不知道");
        List<Map<String, Object>> forbidden = logged.getList("forbiddenHits");
        assertThat(forbidden).extracting(h -> h.get("phrase")).containsExactly("喂", "我不知道");
        assertThat(forbidden.get(0)).containsEntry("start", 0).containsEntry("end", 1);
        assertThat(logged.getList("stages.stage")).contains("greeting", "hold", "conversation", "ended");
        page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("console-wrap-up.png")));

        page.getByTestId("disposition").selectOption("consulting");
        page.getByTestId("ready").click();
        PlaywrightAssertions.assertThat(page.getByTestId("idle")).isVisible();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("agent1").get("/api/calls/{id}", call.linkedid())
                .then().body("notesFinal", org.hamcrest.Matchers.is(true)).body("disposition", org.hamcrest.Matchers.is("consulting"))
                .body("stages.stage", org.hamcrest.Matchers.hasItem("wrap-up")));
    }
}
