/**
 * Steward's secret backend on HashiCorp Vault / OpenBao (KV version 2), and its audit signer and
 * delegation-token signer on the Transit engine. Exports {@code dev.steward.vault} only; compiles against Steward's API and SPI.
 */
module dev.steward.vault {
    requires transitive dev.steward.core;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;

    exports dev.steward.vault;
}
