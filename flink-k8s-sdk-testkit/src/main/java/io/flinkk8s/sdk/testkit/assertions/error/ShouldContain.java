package io.flinkk8s.sdk.testkit.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The failure message of something missing from a collection (an object from the cluster, a
 * container from a pod template, a request from the log), in the testkit's fixed shape: {@code
 * Expecting <what>:%n <actual>%nto contain:%n <expected>%nbut <observed>}.
 */
public final class ShouldContain extends BasicErrorMessageFactory {

    private ShouldContain(String what, String actual, String expected, String observed) {
        super(
                "%nExpecting %s:%n  %s%nto contain:%n  %s%nbut %s",
                unquotedString(what),
                unquotedString(actual),
                unquotedString(expected),
                unquotedString(observed));
    }

    /** A message for {@code what} (shown as {@code actual}) lacking {@code expected}. */
    public static ErrorMessageFactory shouldContain(
            String what, String actual, String expected, String observed) {
        return new ShouldContain(what, actual, expected, observed);
    }
}
