package dev.steward.spi;

import dev.steward.BackendUnavailableException;
import dev.steward.StewardException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one rule for what a failure of plugin code (a store, a secret backend, a signer, a driver a
 * backend calls) becomes: a {@link StewardException} passes unchanged; a
 * {@link VirtualMachineError} (out of memory, stack overflow) is rethrown as it is, since nothing
 * can be trusted after it; anything else, an {@link Error} such as {@link AssertionError} or
 * {@link LinkageError} as much as a {@link RuntimeException}, becomes a typed Steward exception
 * that names the plugin. Steward's core applies it at every call into plugin code; a backend
 * applies it to the driver or client it calls.
 *
 * <pre>{@code
 * try {
 *     return client.read(path);
 * } catch (Throwable t) {
 *     throw PluginFailures.unavailable(name(), "reading " + path + " failed", t);
 * }
 * }</pre>
 *
 * Thread-safe (stateless).
 */
public final class PluginFailures {
    private PluginFailures() {
    }

    /**
     * @param failure what the plugin threw
     * @param wrap makes the typed exception for a failure that is neither a Steward exception nor a
     *     virtual machine error
     * @return the Steward exception to throw
     * @throws VirtualMachineError if {@code failure} is one
     */
    public static StewardException typed(Throwable failure, Function<Throwable, ? extends StewardException> wrap) {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(wrap, "wrap");
        rethrowFatal(failure);
        if (failure instanceof StewardException typed) {
            return typed;
        }
        return wrap.apply(failure);
    }

    /**
     * For a caller that survives a plugin's failure (logs it and carries on with a fallback): lets
     * only a virtual machine error through.
     *
     * @param failure what the plugin threw
     * @throws VirtualMachineError if {@code failure} is one; returns otherwise
     */
    public static void rethrowFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    /**
     * {@link #typed} with a {@link BackendUnavailableException} for the rest.
     *
     * @param backend the plugin's name, as {@link BackendUnavailableException#backend()} reports it
     * @param message what failed
     * @param failure what the plugin threw
     * @return the Steward exception to throw
     * @throws VirtualMachineError if {@code failure} is one
     */
    public static StewardException unavailable(String backend, String message, Throwable failure) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(message, "message");
        return typed(failure, t -> new BackendUnavailableException(backend, message, t));
    }
}
