package io.flinkk8s.sdk.testkit.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The failure message of a property that has the wrong value, in the testkit's fixed shape: {@code
 * Expecting <what>:%n <actual>%nto <verb>:%n <expected>%nbut <observed>}.
 */
public final class ShouldHave extends BasicErrorMessageFactory {

    private ShouldHave(String what, String actual, String verb, Object expected, String observed) {
        super(
                "%nExpecting %s:%n  %s%nto %s:%n  %s%nbut %s",
                unquotedString(what),
                unquotedString(actual),
                unquotedString(verb),
                expected,
                unquotedString(observed));
    }

    /**
     * A message for {@code what} (shown as {@code actual}) that should {@code verb} {@code
     * expected} but {@code observed}.
     */
    public static ErrorMessageFactory shouldHave(
            String what, String actual, String verb, Object expected, String observed) {
        return new ShouldHave(what, actual, verb, expected, observed);
    }
}
