package dev.steward.spi;

import dev.steward.ValidationException;

/**
 * Where a secret lives in a {@link SecretBackend}: a path of 1 to 512 characters made of letters,
 * digits and {@code / _ - . :}, not starting or ending with {@code /}, e.g.
 * {@code steward/4f1c…/9Xk…}.
 *
 * @param path the path
 */
public record SecretRef(String path) {
    /**
     * Checks the path's format.
     *
     * @param path the path
     */
    public SecretRef {
        if (path == null || path.isEmpty() || path.length() > 512) {
            throw new ValidationException("secretRef", "must be 1 to 512 characters");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '_' || c == '-' || c == '.' || c == ':';
            if (!ok) {
                throw new ValidationException("secretRef", "character at position " + i + " is not allowed");
            }
        }
        if (path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new ValidationException("secretRef", "must not start or end with '/' nor contain '//'");
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
