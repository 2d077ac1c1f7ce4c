package dev.steward.vault;

import dev.steward.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How Steward checks Vault's TLS certificate and, optionally, presents its own. Immutable.
 *
 * <pre>{@code
 * VaultTls tls = VaultTls.trusting(Path.of("/etc/vault/ca.pem"))
 *         .withClientCertificate(Path.of("/etc/steward/client.p12"), password);
 * }</pre>
 *
 * {@link #trusting} trusts only the given certificate authorities (not the JDK's default ones).
 * Host names are always verified against the certificate. For anything else, build an
 * {@link SSLContext} and pass it to {@link #of(SSLContext)}.
 */
public final class VaultTls {
    private final List<X509Certificate> authorities;
    private final SSLContext context;

    private VaultTls(List<X509Certificate> authorities, SSLContext context) {
        this.authorities = authorities;
        this.context = context;
    }

    /** @return the JDK's default trust store and no client certificate */
    public static VaultTls systemDefault() {
        return new VaultTls(List.of(), null);
    }

    /**
     * @param context a ready TLS context, used as it is
     * @return TLS with that context
     */
    public static VaultTls of(SSLContext context) {
        return new VaultTls(List.of(), Objects.requireNonNull(context, "context"));
    }

    /**
     * @param caCertificates one or more certificate authorities
     * @return TLS that trusts only these authorities, without a client certificate
     * @throws ValidationException if the list is empty
     */
    public static VaultTls trusting(Collection<X509Certificate> caCertificates) {
        List<X509Certificate> cas = List.copyOf(Objects.requireNonNull(caCertificates, "caCertificates"));
        if (cas.isEmpty()) {
            throw new ValidationException("tls.caCertificates", "must name at least one certificate authority");
        }
        return new VaultTls(cas, context(cas, null, null));
    }

    /**
     * @param caCertificatesPem a PEM file of one or more certificate authorities
     * @return TLS that trusts only these authorities, without a client certificate
     * @throws ValidationException if the file cannot be read or holds no certificate
     */
    public static VaultTls trusting(Path caCertificatesPem) {
        Objects.requireNonNull(caCertificatesPem, "caCertificatesPem");
        try (InputStream in = Files.newInputStream(caCertificatesPem)) {
            List<X509Certificate> cas = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                cas.add((X509Certificate) c);
            }
            return trusting(cas);
        } catch (IOException | CertificateException e) {
            throw new ValidationException("tls.caCertificates", "cannot read certificates from " + caCertificatesPem
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param keyStore a key store holding the client's private key and certificate chain
     * @param password the key's password; copied, and the copy wiped once the context is built
     * @return this TLS setting, also presenting that client certificate
     * @throws ValidationException if the key cannot be used
     */
    public VaultTls withClientCertificate(KeyStore keyStore, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        char[] copy = Objects.requireNonNull(password, "password").clone();
        try {
            return new VaultTls(authorities, context(authorities, keyStore, copy));
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    /**
     * @param pkcs12 a PKCS#12 file with the client's private key and certificate chain
     * @param password the file's password
     * @return this TLS setting, also presenting that client certificate
     * @throws ValidationException if the file cannot be read or used
     */
    public VaultTls withClientCertificate(Path pkcs12, char[] password) {
        Objects.requireNonNull(pkcs12, "pkcs12");
        Objects.requireNonNull(password, "password");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return withClientCertificate(store, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ValidationException("tls.clientCertificate", "cannot read the key store " + pkcs12
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** @return the context to use, or {@code null} for the JDK's default */
    SSLContext context() {
        return context;
    }

    private static SSLContext context(List<X509Certificate> authorities, KeyStore keys, char[] password) {
        try {
            TrustManagerFactory trust = null;
            if (!authorities.isEmpty()) {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                for (int i = 0; i < authorities.size(); i++) {
                    anchors.setCertificateEntry("ca-" + i, authorities.get(i));
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(anchors);
            }
            KeyManagerFactory key = null;
            if (keys != null) {
                key = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                key.init(keys, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(key == null ? null : key.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ValidationException("tls", "cannot build a TLS context (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "VaultTls[" + (context == null ? "system default" : authorities.isEmpty() ? "custom context"
                : authorities.size() + " trusted authorities") + "]";
    }
}
