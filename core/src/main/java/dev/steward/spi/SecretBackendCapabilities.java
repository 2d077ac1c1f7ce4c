package dev.steward.spi;

/**
 * What a {@link SecretBackend} supports.
 *
 * @param versioning whether older versions stay readable after a new one is written
 * @param softDelete whether a version can be deleted and later restored, as opposed to destroyed
 */
public record SecretBackendCapabilities(boolean versioning, boolean softDelete) {
}
