package io.flinkk8s.sdk.testkit.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The failure message of a condition described in words ("a ready JobManager with Flink running
 * behind it"), in the testkit's fixed shape: {@code Expecting <what>:%n <actual>%nto <verb>:%n
 * <condition>%nbut <observed>}. Unlike {@link ShouldHave}, the condition is shown as written, not
 * quoted as a value.
 */
public final class ShouldSatisfy extends BasicErrorMessageFactory {

    private ShouldSatisfy(
            String what, String actual, String verb, String condition, String observed) {
        super(
                "%nExpecting %s:%n  %s%nto %s:%n  %s%nbut %s",
                unquotedString(what),
                unquotedString(actual),
                unquotedString(verb),
                unquotedString(condition),
                unquotedString(observed));
    }

    /**
     * A message for {@code what} (shown as {@code actual}) that should {@code verb} {@code
     * condition} but {@code observed}.
     */
    public static ErrorMessageFactory shouldSatisfy(
            String what, String actual, String verb, String condition, String observed) {
        return new ShouldSatisfy(what, actual, verb, condition, observed);
    }
}
