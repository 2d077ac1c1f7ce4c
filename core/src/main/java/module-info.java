/**
 * Steward core: identity governance for people, service accounts, workloads and AI agents.
 * Exports the API packages and the SPI; {@code dev.steward.internal…} is not API.
 */
module dev.steward.core {
    requires transitive org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;

    exports dev.steward;
    exports dev.steward.identity;
    exports dev.steward.grant;
    exports dev.steward.authz;
    exports dev.steward.audit;
    exports dev.steward.credential;
    exports dev.steward.spi;
    exports dev.steward.memory;
    exports dev.steward.secret;
    exports dev.steward.review;
}
