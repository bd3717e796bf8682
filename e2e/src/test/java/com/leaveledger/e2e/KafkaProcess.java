package com.leaveledger.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker in a JVM of its own, from the jars on this test's class path (spring-kafka-test
 * brings the broker), so that a test can kill it and start it again on the same port and data: a broker restart,
 * which the embedded broker cannot do. Output in {@code target/e2e-logs/kafka*.log}.
 */
final class KafkaProcess implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private final int port;
    private final Path directory;
    private final Path logs;
    private Process process;
    private int starts;

    private KafkaProcess(int port, Path directory, Path logs) {
        this.port = port;
        this.directory = directory;
        this.logs = logs;
    }

    /** Formats a fresh log directory and starts the broker; returns once it accepts connections. */
    static KafkaProcess start(Path logs) {
        try {
            int port = LedgerSystem.freePort();
            int controllerPort = LedgerSystem.freePort();
            Path directory = Files.createTempDirectory("e2e-kafka");
            Files.writeString(directory.resolve("server.properties"), String.join("\n",
                    "node.id=1",
                    "process.roles=broker,controller",
                    "controller.quorum.voters=1@localhost:" + controllerPort,
                    "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://localhost:" + port,
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + directory.resolve("data"),
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "auto.create.topics.enable=false",
                    "group.initial.rebalance.delay.ms=0", ""));
            KafkaProcess kafka = new KafkaProcess(port, directory, logs);
            Process format = kafka.run("format", List.of("kafka.tools.StorageTool", "format", "-t",
                    Uuid.randomUuid().toString(), "-c", directory.resolve("server.properties").toString()));
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed; see " + logs);
            }
            kafka.startBroker();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    /** SIGKILL: the broker dies without flushing or telling anyone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the broker again on the same port and log directory (after {@link #kill}). */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker still runs");
        }
        startBroker();
    }

    private void startBroker() {
        process = run("broker", List.of("kafka.Kafka", directory.resolve("server.properties").toString()));
        await("Kafka broker on :" + port).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the Kafka broker exited; see " + logs);
                    }
                    return accepts();
                });
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Process run(String what, List<String> mainAndArguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArguments);
        Path log = logs.resolve("kafka-" + what + (what.equals("broker") ? "-" + ++starts : "") + ".log");
        try {
            Files.createDirectories(logs);
            Process started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            ServiceProcess.killOnExit(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
