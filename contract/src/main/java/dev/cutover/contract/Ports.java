package dev.cutover.contract;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on this machine for the services and engines Cutover starts (the embedded stack,
 * Flink and Spark JVMs).
 *
 * <p>A port is picked, checked free, and bound later by the service; in between, nothing may take
 * it. The kernel hands out ports of its ephemeral range ({@code net.ipv4.ip_local_port_range},
 * 32768–60999 on Linux) to every outgoing connection, so a listening port picked in that range (as
 * {@code new ServerSocket(0)} does) can be taken by a client's connection before the service binds
 * it. Ports are therefore picked below that range, at random, and never twice in one JVM.
 */
public final class Ports {

    /** The lowest port picked: above the well-known and most registered service ports. */
    static final int LOWEST = 10_000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;

    /** Ports this JVM handed out, so two services starting in parallel never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static final int ABOVE = ephemeralLow();

    private Ports() {}

    /**
     * A port below the kernel's ephemeral range that nothing listens on right now, never the same
     * twice in this JVM.
     */
    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException(
                "no free port between " + LOWEST + " and " + ABOVE + " after 1000 tries");
    }

    /** Whether a server socket can bind {@code port} on all addresses right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), else the usual 32768. */
    private static int ephemeralLow() {
        try {
            List<String> lines = Files.readAllLines(EPHEMERAL_RANGE);
            int low = Integer.parseInt(lines.get(0).trim().split("\\s+")[0]);
            return low > LOWEST + 1_000 ? low : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
