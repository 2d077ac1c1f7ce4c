package dev.steward;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an immutable value, or one method of it, that returns a changed copy and leaves the value as it
 * was: a call whose result is discarded changes nothing, and is almost always a mistake.
 *
 * <pre>{@code
 * GrantQuery query = GrantQuery.all();
 * query.status(GrantStatus.ACTIVE);            // does nothing: the copy is dropped
 * query = query.status(GrantStatus.ACTIVE);    // filters
 * }</pre>
 *
 * Static analysers that know the annotation by its simple name (Error Prone, IntelliJ IDEA,
 * SpotBugs) report such calls; Steward's own build makes them compile errors. Specs
 * ({@code IdentitySpec}, {@code GrantSpec}, ...) are builders instead: their setters change the spec
 * in place and return it for chaining.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CheckReturnValue {
}
