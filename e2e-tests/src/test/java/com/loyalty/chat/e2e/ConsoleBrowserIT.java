package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff console and the diner page in a real browser (Debian's headless Chromium through its chromedriver)
 * against the whole system: a diner writes, the console shows the new session live, staff claims and replies, the
 * diner sees the reply and the read receipt, staff closes, the diner rates, and today's stats move. Screenshots go
 * to {@code e2e-tests/target/browser/}; any error in either browser's console fails the test.
 *
 * <p>Without Chromium the test is skipped, except in CI ({@code CI=true}), where that is a failure.
 */
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHAT_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("CHAT_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Stats are a projection fed by Kafka, and the console refreshes them every 10 s. */
    private static final Duration STATS_WAIT = Duration.ofSeconds(90);
    private static final String ADMIN_MOBILE = "13612227930";

    private final String gatewayUrl = SystemUnderTest.gatewayUrl();
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void chromiumIsInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: install Debian's chromium and "
                    + "chromium-driver (.ci/run does), or point CHAT_CHROMIUM / CHAT_CHROMEDRIVER at them");
        }
        assumeTrue(installed, "no " + CHROMIUM + " and " + CHROMEDRIVER + ": the browser test is skipped");
    }

    @AfterEach
    void quitBrowsers() {
        for (Browser browser : browsers) {
            browser.quit();
        }
    }

    @Test
    void aDinerAndAStaffMemberHoldAWholeConversationThroughThePages() {
        Browser staff = open("staff", 1280, 860);
        staff.go("/console/");
        staff.login(ADMIN_MOBILE);
        staff.await("body[data-socket=online]");
        // busy: automatic assignment passes this admin by, so the session waits for the claim below
        new Select(staff.find("#my-status")).selectByValue("busy");
        staff.await("#my-status[data-saved=busy]");
        new Select(staff.find("#stats-scope")).selectByValue("all");
        long messagesBefore = staff.stat("todayMessages");
        long completedBefore = staff.stat("completedSessions");

        Browser diner = open("diner", 412, 860);
        diner.go("/diner/");
        diner.login(IdentityIT.freshMobile());
        diner.await("body[data-socket=online]");
        String sessionId = diner.await("#chat-view[data-session-id]").getAttribute("data-session-id");
        diner.find("#composer-input").sendKeys("你好，我的积分什么时候到账？" + Keys.ENTER);
        diner.await(".msg.mine[data-message-id] .ticks");
        diner.screenshot("01-diner-writes");

        String item = ".session-item[data-session-id='" + sessionId + "']";
        staff.await(item + " .unread");
        staff.screenshot("02-console-new-session");
        staff.click(item);
        staff.awaitText("#messages .msg.theirs .bubble", "你好，我的积分什么时候到账？");
        staff.click("#claim");
        staff.await("#conv-status[data-status=assigned]");
        diner.await(".msg.mine .ticks[data-status=read]");

        staff.find("#composer-input").sendKeys("已经到账");
        diner.awaitVisible("#typing");
        staff.find("#composer-input").sendKeys("了，请在“我的积分”里查看。" + Keys.ENTER);
        diner.awaitText(".msg.theirs .bubble", "已经到账了，请在“我的积分”里查看。");
        diner.await("#session-state[data-status=active]");
        staff.await("#messages .msg.mine .ticks[data-status=read]");
        staff.click("#oplog-toggle");
        staff.await("#oplog li[data-action=claim]");
        diner.screenshot("03-diner-sees-the-reply");
        staff.screenshot("03-console-conversation");

        staff.click("#close-session");
        staff.await("#conv-status[data-status=closed]");
        diner.awaitVisible("#rating");
        diner.click(".star[data-score='5']");
        diner.click("#rating-submit");
        diner.awaitVisible("#rated");
        diner.click("#chat-view .lang-toggle");
        diner.awaitText("#rated-text", "Thank you for your rating!");
        diner.screenshot("04-diner-rated");

        new WebDriverWait(staff.driver, STATS_WAIT).withMessage("today's stats in the console did not move")
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> staff.stat("todayMessages") >= messagesBefore + 2
                        && staff.stat("completedSessions") >= completedBefore + 1);
        staff.screenshot("05-console-stats-moved");

        for (Browser browser : browsers) {
            assertThat(browser.consoleErrors()).as("errors in the %s browser's console", browser.name).isEmpty();
        }
    }

    @Test
    void theConsoleComesBackByItselfWhenItsNodeDiesAndCatchesUp() {
        Api api = new Api(gatewayUrl);
        String diner = api.login(IdentityIT.freshMobile());
        String sessionId = api.post("/api/v2/chat/sessions", diner, "{}").data().path("sessionId").asString();
        String messages = "/api/v2/chat/sessions/" + sessionId + "/messages";
        api.post(messages, diner, "{\"content\":\"在吗？\",\"messageType\":\"text\"}");

        Browser staff = open("staff-phone", 412, 860); // a phone: list and conversation one at a time
        staff.go("/console/");
        staff.login(ADMIN_MOBILE);
        String node = staff.await("body[data-socket=online][data-node]").getAttribute("data-node");
        staff.click(".session-item[data-session-id='" + sessionId + "']");
        staff.awaitText("#messages .msg.theirs .bubble", "在吗？");

        try (Outage ignored = Outage.kill(node)) {
            api.post(messages, diner, "{\"content\":\"我还在等。\",\"messageType\":\"text\"}");
            staff.await("body[data-reconnects='1'][data-socket=online]");
            assertThat(staff.find("body").getAttribute("data-node")).isNotEqualTo(node);
            staff.awaitText("#messages .msg.theirs .bubble", "我还在等。");
            assertThat(staff.find("#offline-banner").isDisplayed()).isFalse();
            staff.find("#composer-input").sendKeys("我在，马上为您处理。" + Keys.ENTER);
            staff.await("#messages .msg.mine[data-message-id]");
            staff.screenshot("06-console-after-reconnect");
        }

        // the balancer may hand a reconnect the dead node first: that refused handshake is expected
        assertThat(staff.consoleErrors()).as("errors in the browser's console")
                .allMatch(error -> error.contains("WebSocket connection to"));
    }

    private Browser open(String name, int width, int height) {
        Browser browser = new Browser(name, width, height);
        browsers.add(browser);
        return browser;
    }

    /** One headless Chromium with its own chromedriver, profile and console log. */
    private final class Browser {

        final String name;
        final ChromeDriver driver;
        private final ChromeDriverService service;
        private final List<LogEntry> log = new ArrayList<>();

        Browser(String name, int width, int height) {
            this.name = name;
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--no-first-run", "--disable-extensions", "--lang=zh-CN",
                    "--window-size=" + width + "," + height);
            LoggingPreferences logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logging);
            service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
        }

        void go(String path) {
            driver.get(gatewayUrl + path);
        }

        void login(String mobile) {
            awaitVisible("#login-view");
            find("#login-mobile").sendKeys(mobile);
            find("#login-code").sendKeys("123456");
            find("#login-submit").click();
            awaitVisible(name.startsWith("staff") ? "#app-view" : "#chat-view");
        }

        WebElement find(String css) {
            return driver.findElement(By.cssSelector(css));
        }

        /** Clicks it once it is there; the pages render live lists again as events arrive, between finding and clicking. */
        void click(String css) {
            waiting().until(driver -> {
                driver.findElement(By.cssSelector(css)).click();
                return true;
            });
        }

        WebElement await(String css) {
            return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        }

        void awaitVisible(String css) {
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
        }

        void awaitText(String css, String text) {
            waiting().until(driver -> driver.findElements(By.cssSelector(css)).stream()
                    .anyMatch(element -> element.getText().equals(text)));
        }

        /** A figure of today's stats as the console shows it for the scope chosen there. */
        long stat(String figure) {
            String scope = new Select(find("#stats-scope")).getFirstSelectedOption().getAttribute("value");
            String text = await("#stats-figures[data-scope=" + scope + "] [data-stat=" + figure + "]").getText();
            return text.matches("\\d+") ? Long.parseLong(text) : 0;
        }

        private WebDriverWait waiting() {
            // An element found a moment ago may have been rendered again since: look again rather than fail.
            return (WebDriverWait) new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class);
        }

        void screenshot(String file) {
            write(file + "-" + name + ".png", driver.getScreenshotAs(OutputType.BYTES));
        }

        /** Everything logged so far at SEVERE: failed requests, uncaught exceptions, console.error. */
        List<String> consoleErrors() {
            drainLog();
            return log.stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(LogEntry::toString).toList();
        }

        private void drainLog() {
            log.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        }

        void quit() {
            try {
                drainLog();
                // the WebSocket URLs in failed handshakes carry the token
                String text = String.join("\n", log.stream().map(LogEntry::toString).toList())
                        .replaceAll("token=[^&\\s'\"]+", "token=…");
                write("console-" + name + ".log", text.getBytes(StandardCharsets.UTF_8));
            } finally {
                try {
                    driver.quit();
                } finally {
                    service.stop();
                }
            }
        }

        private void write(String file, byte[] bytes) {
            Path directory = Path.of(System.getProperty("chat.project.root", ".."))
                    .resolve("e2e-tests/target/browser");
            try {
                Files.createDirectories(directory);
                Files.write(directory.resolve(file), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
