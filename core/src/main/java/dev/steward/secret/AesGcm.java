package dev.steward.secret;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-256-GCM with a 96-bit nonce and a 128-bit tag, the one cipher of this package. */
final class AesGcm {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }

    /** @return the ciphertext followed by the tag */
    static byte[] seal(SecretKey key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide AES/GCM/NoPadding; failing here is a broken runtime.
            throw new IllegalStateException("AES-GCM encryption is not available: " + e.getClass().getSimpleName());
        }
    }

    /**
     * @return the plaintext
     * @throws GeneralSecurityException if the input is not authentic under the key, nonce and aad
     */
    static byte[] open(SecretKey key, byte[] nonce, byte[] aad, byte[] input, int offset, int length)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input, offset, length);
    }
}
