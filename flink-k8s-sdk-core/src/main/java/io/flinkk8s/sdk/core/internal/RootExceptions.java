package io.flinkk8s.sdk.core.internal;

import java.util.List;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory.RootExceptionInfo;

/**
 * Flink's root exception of a failed job in one line, from its {@code GET /jobs/:jobid/exceptions}
 * answer: the newest history entry's first line ({@code class: message}) and, when the stack trace
 * has one, its deepest {@code Caused by:} line, which usually names what broke.
 *
 * <p>Internal: not API, may change in any release.
 */
public final class RootExceptions {

    /** The longest summary kept; Flink's messages can carry whole records. */
    static final int MAX_LENGTH = 500;

    private RootExceptions() {}

    /** The summary of the newest root exception; null when the history is empty. */
    public static String summary(JobExceptionsInfoWithHistory exceptions) {
        if (exceptions == null || exceptions.getExceptionHistory() == null) {
            return null;
        }
        List<RootExceptionInfo> entries = exceptions.getExceptionHistory().getEntries();
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        RootExceptionInfo newest = entries.get(0);
        return summary(newest.getExceptionName(), newest.getStacktrace());
    }

    /** The summary of one exception: its stack trace's first and deepest cause lines. */
    static String summary(String exceptionName, String stacktrace) {
        if (stacktrace == null || stacktrace.isBlank()) {
            return exceptionName;
        }
        List<String> lines = stacktrace.lines().map(String::strip).toList();
        String first = lines.get(0);
        String deepest = null;
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                deepest = line.substring("Caused by: ".length());
            }
        }
        String text =
                deepest == null || deepest.equals(first)
                        ? first
                        : first + " (caused by " + deepest + ")";
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }
}
