package dev.steward.credential;

import java.util.Optional;

/** What kind of secret or key a {@link Credential} is. */
public enum CredentialType {
    /** A key Steward issues; only its verifier is kept, the plaintext is shown once. */
    API_KEY("ak"),
    /** An OAuth-style client secret Steward issues; kept like an API key. */
    CLIENT_SECRET("cs"),
    /** A password or third-party token the identity may use, held in the secret backend. */
    STORED_SECRET(null),
    /** A public key the identity proves possession of by signing a challenge; no shared secret. */
    PUBLIC_KEY(null);

    private final String code;

    CredentialType(String code) {
        this.code = code;
    }

    /** @return the two-letter code in issued keys, for types Steward issues */
    public Optional<String> keyCode() {
        return Optional.ofNullable(code);
    }

    /** @return whether Steward issues the secret and keeps only a verifier */
    public boolean isIssued() {
        return code != null;
    }

    /**
     * @param code a two-letter code from a key
     * @return the issued type with that code
     */
    public static Optional<CredentialType> ofKeyCode(String code) {
        for (CredentialType t : values()) {
            if (t.code != null && t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
