package dev.steward.vault;

import dev.steward.ValidationException;
import dev.steward.spi.SecretRef;
import java.util.Objects;

/** Checks the parts of Vault request paths that come from configuration and references. */
final class VaultPaths {
    private VaultPaths() {
    }

    /**
     * @param field the setting's name, for the error
     * @param mount a mount path such as {@code secret} or {@code team/kv}
     * @return the mount, checked
     */
    static String mount(String field, String mount) {
        Objects.requireNonNull(mount, field);
        if (mount.isEmpty() || mount.startsWith("/") || mount.endsWith("/")) {
            throw new ValidationException(field, "must be a path without a leading or trailing '/'");
        }
        return segments(field, mount);
    }

    /**
     * @param prefix a path prefix such as {@code steward/}, or empty
     * @return the prefix, checked, ending with {@code /} unless empty
     */
    static String prefix(String prefix) {
        Objects.requireNonNull(prefix, "pathPrefix");
        if (prefix.isEmpty()) {
            return prefix;
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return mount("pathPrefix", trimmed) + "/";
    }

    /**
     * @param prefix a checked prefix
     * @param ref a reference
     * @return the Vault key of the reference
     * @throws ValidationException if the reference has a {@code .} or {@code ..} segment
     */
    static String key(String prefix, SecretRef ref) {
        return prefix + segments("secretRef", ref.path());
    }

    private static String segments(String field, String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new ValidationException(field, "must not have an empty, '.' or '..' segment in a Vault path");
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '_' || c == '-' || c == '.' || c == ':';
                if (!ok) {
                    throw new ValidationException(field, "character '" + c + "' is not allowed in a Vault path");
                }
            }
        }
        return path;
    }
}
