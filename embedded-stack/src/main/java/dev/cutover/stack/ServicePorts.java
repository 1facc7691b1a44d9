package dev.cutover.stack;

import dev.cutover.contract.Ports;

/** The port a service listens on: the one the user fixed, or a free one. */
final class ServicePorts {
    private ServicePorts() {}

    /**
     * {@code requested} if it is free, a free port if it is 0.
     *
     * @param what names the port in the message, e.g. {@code "Kafka"}
     * @throws StackException of kind {@code BAD_CONFIGURATION} when the port is taken
     */
    static int freeOrRequested(int requested, String what) {
        if (requested == 0) {
            return Ports.free();
        }
        if (!Ports.isFree(requested)) {
            throw StackException.badConfiguration(
                    what + " port " + requested + " is already in use on this machine");
        }
        return requested;
    }
}
