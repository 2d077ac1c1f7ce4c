/**
 * Secret material at rest: {@link dev.steward.secret.EncryptingSecretBackend} wraps any
 * {@link dev.steward.spi.SecretBackend} with envelope encryption (a fresh AES-256-GCM data key
 * per value, wrapped by a {@link dev.steward.spi.KeyEncryptionKey}), and
 * {@link dev.steward.secret.LocalKeyEncryptionKey} is a key-encryption key held in memory, with
 * older keys kept for rotation. A value that fails to decrypt is reported as a
 * {@link dev.steward.SecretIntegrityException}, never returned.
 */
package dev.steward.secret;
