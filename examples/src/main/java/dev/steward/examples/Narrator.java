package dev.steward.examples;

import dev.steward.GovernanceRule;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Tells one story: a heading, then one line per step, each stamped with the story's clock, with
 * ✔ for what was allowed or verified and ✘ for what was denied or refused, and the reason code.
 * Time passes in the story only through {@link #letPass(Duration)}.
 */
public final class Narrator {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String ALLOWED = "✔";
    private static final String DENIED = "✘";

    private final PrintStream out;
    private final MutableClock clock;

    /**
     * @param out where the story goes
     * @param clock the story's clock
     */
    public Narrator(PrintStream out, MutableClock clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * @param number the story's number
     * @param title what it is about
     */
    public void heading(int number, String title) {
        String line = number + " · " + title;
        out.println();
        out.println(line);
        out.println("─".repeat(line.length()));
    }

    /** @param text something that happened */
    public void step(String text) {
        line("·", text);
    }

    /** @param text a fact about the step before, printed under it */
    public void detail(String text) {
        out.println(" ".repeat(14) + "↳ " + text);
    }

    /**
     * @param who the name of the identity that made the call
     * @param call how the call went
     */
    public void call(String who, ToolCallOutcome call) {
        line(call.allowed() ? ALLOWED : DENIED, String.format("%-18s %-15s %-40s %s", who, call.action(),
                call.resource(), call.reason()));
    }

    /**
     * @param text the change that was attempted
     * @param rule the governance rule Steward refused it under
     */
    public void refused(String text, GovernanceRule rule) {
        line(DENIED, text + ": refused, " + rule);
    }

    /**
     * @param ok whether the check passed
     * @param text what was checked and what came out
     */
    public void check(boolean ok, String text) {
        line(ok ? ALLOWED : DENIED, text);
    }

    /** @param duration how much time passes in the story; the clock moves forward by it */
    public void letPass(Duration duration) {
        clock.advance(duration);
        line("⏱", readable(duration) + " later");
    }

    private void line(String mark, String text) {
        out.println("  " + TIME.format(clock.instant()) + "  " + mark + " " + text);
    }

    private static String readable(Duration d) {
        return d.toHoursPart() == 0 && d.toMinutesPart() == 0 ? count(d.toDays(), "day") : count(d.toHours(), "hour");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
