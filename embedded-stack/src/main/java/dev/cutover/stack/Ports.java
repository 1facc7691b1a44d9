package dev.cutover.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on this machine. */
final class Ports {

    /** Ports this JVM handed out, so two services starting in parallel never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {}

    /** A port that no socket listens on right now, never the same twice in this JVM. */
    static int free() {
        while (true) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open a socket to find a free port", e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    /**
     * {@code requested} if it is free, a free port if it is 0.
     *
     * @param what names the port in the message, e.g. {@code "Kafka"}
     * @throws StackException of kind {@code BAD_CONFIGURATION} when the port is taken
     */
    static int freeOrRequested(int requested, String what) {
        if (requested == 0) {
            return free();
        }
        if (!isFree(requested)) {
            throw StackException.badConfiguration(
                    what + " port " + requested + " is already in use on this machine");
        }
        HANDED_OUT.add(requested);
        return requested;
    }

    /** Whether a server socket can bind {@code port} on all addresses right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
