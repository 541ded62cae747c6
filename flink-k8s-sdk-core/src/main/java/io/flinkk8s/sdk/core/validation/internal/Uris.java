package io.flinkk8s.sdk.core.validation.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** How the validator reads file-system locations: jar URIs, checkpoint and savepoint dirs. */
public final class Uris {

    /** What a location with a scheme looks like, for messages. */
    public static final String WITH_SCHEME = "a URI with a scheme, such as s3://bucket/path";

    private Uris() {}

    /**
     * Whether {@code text} is an absolute URI ({@code s3://bucket/cp}, {@code local:///opt/x.jar},
     * {@code file:///data}). A one-letter scheme is refused: that is a Windows drive, not a file
     * system Flink can reach from a pod.
     */
    public static boolean hasScheme(String text) {
        if (text == null || text.isBlank() || !text.equals(text.strip())) {
            return false;
        }
        int plainScheme = plainSchemeLength(text);
        if (plainScheme >= 0) {
            return plainScheme > 1;
        }
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && uri.getScheme().length() > 1;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The scheme's length when {@code text} is plainly an absolute URI that {@link URI} accepts
     * (most are, e.g. {@code s3://bucket/dir}): a scheme ({@code [A-Za-z][A-Za-z0-9+.-]*}), a
     * colon, and then something other than {@code //} made only of letters, digits and {@code . _ ~
     * / -}, which every part of a URI may hold; else -1, and {@link URI} has to judge. Parsing a
     * URI costs a microsecond.
     */
    public static int plainSchemeLength(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || !isLetter(text.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < colon; i++) {
            char c = text.charAt(i);
            if (!(isLetter(c) || isDigit(c) || c == '+' || c == '.' || c == '-')) {
                return -1;
            }
        }
        if (colon == text.length() - 1 || text.endsWith("//") && colon == text.length() - 3) {
            return -1; // nothing after the colon, or "//" without an authority: URI refuses both
        }
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isLetter(c)
                    || isDigit(c)
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '/'
                    || c == '-')) {
                return -1;
            }
        }
        return colon;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code text} is an absolute path ({@code /flink-data/savepoints/sp-1}). */
    public static boolean isAbsolutePath(String text) {
        return text != null && text.startsWith("/") && text.equals(text.strip());
    }
}
