package dev.steward.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Instants in SQL as exact epoch nanoseconds ({@code NUMERIC(30, 0)}): every {@link Instant} fits,
 * nothing is rounded, and the numbers order like the instants.
 */
final class Nanos {
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    private Nanos() {
    }

    static BigDecimal of(Instant instant) {
        return new BigDecimal(BigInteger.valueOf(instant.getEpochSecond()).multiply(BILLION)
                .add(BigInteger.valueOf(instant.getNano())));
    }

    static Instant instant(BigDecimal nanos) {
        BigInteger[] split = nanos.toBigIntegerExact().divideAndRemainder(BILLION);
        return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValueExact());
    }
}
