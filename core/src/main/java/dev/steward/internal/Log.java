package dev.steward.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steward's only way to write a log line: an slf4j logger whose arguments pass through
 * {@link Redaction} first (texts and ids by their string form, failures with their messages
 * redacted and their stack traces kept), so no issued key reaches a log. The format strings are
 * Steward's own constants. Work is done only when the level is enabled. Thread-safe.
 */
public final class Log {
    private final Logger logger;

    private Log(Logger logger) {
        this.logger = logger;
    }

    /**
     * {@return the log of a class, named as slf4j names it}
     *
     * @param type the class that logs
     */
    public static Log of(Class<?> type) {
        return new Log(LoggerFactory.getLogger(type));
    }

    /**
     * Logs at DEBUG.
     *
     * @param format an slf4j format, a constant
     * @param args its arguments; a last {@link Throwable} is logged with its stack trace
     */
    public void debug(String format, Object... args) {
        if (logger.isDebugEnabled()) {
            logger.debug(format, redact(args));
        }
    }

    /**
     * Logs at WARN.
     *
     * @param format an slf4j format, a constant
     * @param args its arguments; a last {@link Throwable} is logged with its stack trace
     */
    public void warn(String format, Object... args) {
        if (logger.isWarnEnabled()) {
            logger.warn(format, redact(args));
        }
    }

    /**
     * Logs at ERROR.
     *
     * @param format an slf4j format, a constant
     * @param args its arguments; a last {@link Throwable} is logged with its stack trace
     */
    public void error(String format, Object... args) {
        if (logger.isErrorEnabled()) {
            logger.error(format, redact(args));
        }
    }

    private static Object[] redact(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            out[i] = a instanceof Throwable t ? Redaction.throwable(t) : a == null ? null
                    : Redaction.text(String.valueOf(a));
        }
        return out;
    }
}
