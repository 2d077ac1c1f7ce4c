/**
 * Credentials: keys Steward issues (kept only as a verifier), secrets held in the secret backend,
 * and public keys proven by signature; their rotation, revocation, and the leak-to-revoke loop.
 */
package dev.steward.credential;
