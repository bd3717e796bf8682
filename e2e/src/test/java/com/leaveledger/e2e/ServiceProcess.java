package com.leaveledger.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One service running as its own JVM: {@code java -jar ../<module>/target/<module>-<version>.jar}, output in
 * {@code e2e/target/e2e-logs/<name>.log}. Every process started is also known to a JVM shutdown hook that kills it,
 * so an aborted test run leaves nothing running.
 */
final class ServiceProcess {

    /** JVM options of every service: small heap, quick start (C1 only), no Axon update check. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Daxoniq.update-checker.disabled=true", "-Dfile.encoding=UTF-8");

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "e2e-service-killer"));
    }

    /** A process of this test run (a service or the broker) that the JVM's shutdown hook kills. */
    static void killOnExit(Process process) {
        RUNNING.add(process);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String module;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> properties;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, String module, int port, Map<String, String> environment,
                           List<String> properties, Path log, Process process) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.environment = environment;
        this.properties = properties;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code module}'s jar as process {@code name} on {@code port}, with the given environment (added to this
     * JVM's) and Spring Boot command-line properties. Returns at once; {@link #awaitUp} waits for health.
     */
    static ServiceProcess start(String name, String module, int port, Map<String, String> environment,
                                List<String> properties) {
        Path jar = jarOf(module);
        Path log = logDirectory().resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(properties);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            RUNNING.add(process);
            return new ServiceProcess(name, module, port, environment, properties, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /**
     * The repackaged jar of a service module, built before the e2e module (it depends on the three services), copied
     * once per test run to {@code target/e2e-jars/}: a rebuild of the module while the tests run must not pull the jar
     * from under a running JVM.
     */
    static synchronized Path jarOf(String module) {
        Path root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        String version = System.getProperty("e2e.version", "0.1.0-SNAPSHOT");
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + ": build the services first "
                    + "(./mvnw -B -DskipTests install, or ./mvnw -B verify -pl e2e -am)");
        }
        return COPIED.computeIfAbsent(module, m -> {
            try {
                Path directory = Files.createDirectories(logDirectory().resolveSibling("e2e-jars"));
                return Files.copy(jar, directory.resolve(m + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + jar, e);
            }
        });
    }

    private static final Map<String, Path> COPIED = new ConcurrentHashMap<>();

    /** {@code target/e2e-logs} (system property {@code e2e.logs}), created if missing. */
    static Path logDirectory() {
        Path directory = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /actuator/health} answers UP; fails at once, with the log's tail, if the process exits. */
    void awaitUp(Duration timeout) {
        await(name + " UP on :" + port).atMost(timeout).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(e -> e instanceof IOException)
                .until(() -> {
                    if (!process.isAlive() || startupFailed()) {
                        throw new IllegalStateException(name + " failed to start (" + (process.isAlive()
                                ? "still running" : "exit " + process.exitValue()) + "); log " + log + ":\n"
                                + tail(60));
                    }
                    HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                    return health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"");
                });
    }

    /**
     * The same service started again after this process ended: same port, environment and properties (so the same
     * instance id), log {@code <name>-<suffix>.log}.
     */
    ServiceProcess restart(String suffix) {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " still runs");
        }
        return start(name + "-" + suffix, module, port, environment, properties);
    }

    /** SIGTERM: the service shuts down gracefully (its processors release their segment claims). */
    void stop() {
        terminate(false);
    }

    /** SIGKILL: a crash; whatever the process held in PostgreSQL stays until it times out. */
    void kill() {
        terminate(true);
    }

    private void terminate(boolean forcibly) {
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            RUNNING.remove(process);
        }
    }

    /** Spring Boot gave up, though a non-daemon thread may keep the JVM alive. */
    private boolean startupFailed() throws IOException {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        return text.contains("Application run failed") || text.contains("Exception in thread \"main\"");
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " :" + port + " (pid " + process.pid() + ")";
    }
}
