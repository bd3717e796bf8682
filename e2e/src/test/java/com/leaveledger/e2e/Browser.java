package com.leaveledger.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through the system's chromedriver — Debian's {@code chromium} and
 * {@code chromium-driver} (or {@code CHROMIUM_BINARY} / {@code CHROMEDRIVER}). Both paths are given to Selenium
 * explicitly, so Selenium Manager never downloads a browser or a driver.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final String base;
    private final Path downloads;

    private Browser(ChromeDriver driver, String base, Path downloads) {
        this.driver = driver;
        this.base = base;
        this.downloads = downloads;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static Browser open(String base) {
        Path downloads = screenshots().resolveSibling("downloads");
        try {
            Files.createDirectories(downloads);
            try (java.util.stream.Stream<Path> old = Files.list(downloads)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(ServiceProcess.logDirectory().resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, base, downloads);
    }

    WebDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    void go(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The text of an element, once it is present (a part htmx swaps in after a click arrives a moment later). */
    String text(String css) {
        return await(css).getText();
    }

    /** Waits (at most a minute) for an element to be present, then answers it. */
    WebElement await(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Whether an element is present within {@code patience} (for parts that htmx loads after the page). */
    boolean appears(String css, Duration patience) {
        try {
            new WebDriverWait(driver, patience).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    /** Sets an input's value as the page would get it (date inputs take typed text in the locale's format). */
    void set(String css, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", find(css), value);
    }

    void type(String css, String value) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(value);
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    void signIn(String employeeId, String... roles) {
        go("/signin");
        type("#employeeId", employeeId);
        for (String role : roles) {
            find("#role-" + role).click();
        }
        find("#signin").click();
        // the form posts and the console redirects to the roles' first page: wait for it, so the caller reads that page
        // and not the sign-in page still shown
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !path().startsWith("/signin"));
    }

    void signOut() {
        find("form.signout button").click();
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A full-window PNG in {@code e2e/target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Path target = screenshots().resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path screenshots() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("e2e.screenshots", "target/screenshots")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
