package dev.steward;

import java.util.Objects;

/**
 * An argument broke a rule of its format or range. Names the field and the rule, so that
 * {@code field()} and {@code rule()} can be shown to the user who supplied the value. Nothing was
 * changed when this is thrown.
 */
public final class ValidationException extends StewardException {
    private static final long serialVersionUID = 1L;

    /** The argument or field that is invalid. */
    private final String field;
    /** The rule the value broke, in words. */
    private final String rule;

    /**
     * Creates a validation failure.
     *
     * @param field the argument or field that is invalid, e.g. {@code "grant.resource"}
     * @param rule the rule it broke, in words, e.g. {@code "must not be empty"}
     */
    public ValidationException(String field, String rule) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(rule, "rule"));
        this.field = field;
        this.rule = rule;
    }

    /** @return the argument or field that is invalid */
    public String field() {
        return field;
    }

    /** @return the rule the value broke */
    public String rule() {
        return rule;
    }
}
