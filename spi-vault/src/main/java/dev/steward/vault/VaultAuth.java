package dev.steward.vault;

import dev.steward.ValidationException;
import java.util.Objects;

/**
 * How Steward authenticates to Vault: a static token, or an AppRole login. Immutable; the token and
 * the secret id never appear in {@code toString}, logs or exceptions.
 *
 * <ul>
 *   <li>{@link #token(String)}: sent as {@code X-Vault-Token} as it is. Steward neither renews nor
 *       replaces it (a Vault Agent or the host does), so once Vault refuses it, calls fail with
 *       {@link VaultException.Reason#PERMISSION_DENIED}.</li>
 *   <li>{@link #appRole(String, String)}: logs in at {@code auth/approle/login} on first use. Once
 *       two thirds of the token's lease have passed, the next call first renews it
 *       ({@code auth/token/renew-self}); when Vault caps a renewal at the token's maximum TTL, the
 *       session logs in anew at two thirds of what is left. When Vault refuses the token anyway
 *       (revoked, expired early), the call logs in again and is sent once more.</li>
 * </ul>
 */
public final class VaultAuth {
    /** The kind of authentication. */
    enum Kind {
        TOKEN, APPROLE
    }

    private final Kind kind;
    private final String mount;
    private final String token;
    private final String roleId;
    private final String secretId;

    private VaultAuth(Kind kind, String mount, String token, String roleId, String secretId) {
        this.kind = kind;
        this.mount = mount;
        this.token = token;
        this.roleId = roleId;
        this.secretId = secretId;
    }

    /**
     * @param token a Vault token
     * @return authentication with that token
     * @throws ValidationException if the token is blank
     */
    public static VaultAuth token(String token) {
        return new VaultAuth(Kind.TOKEN, "", required("token", token), "", "");
    }

    /**
     * @param roleId the AppRole's role id
     * @param secretId a secret id of that role
     * @return AppRole authentication at the default mount {@code approle}
     * @throws ValidationException if either is blank
     */
    public static VaultAuth appRole(String roleId, String secretId) {
        return appRole("approle", roleId, secretId);
    }

    /**
     * @param mount where the AppRole auth method is mounted, e.g. {@code approle}
     * @param roleId the AppRole's role id
     * @param secretId a secret id of that role
     * @return AppRole authentication at that mount
     * @throws ValidationException if any is blank, or the mount is not a plain path
     */
    public static VaultAuth appRole(String mount, String roleId, String secretId) {
        return new VaultAuth(Kind.APPROLE, VaultPaths.mount("appRole.mount", mount), "", required("roleId", roleId),
                required("secretId", secretId));
    }

    private static String required(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new ValidationException(field, "must not be blank");
        }
        return value;
    }

    Kind kind() {
        return kind;
    }

    String mount() {
        return mount;
    }

    String token() {
        return token;
    }

    String roleId() {
        return roleId;
    }

    String secretId() {
        return secretId;
    }

    @Override
    public String toString() {
        return kind == Kind.TOKEN ? "VaultAuth[token=redacted]" : "VaultAuth[appRole at " + mount + ", secretId=redacted]";
    }
}
