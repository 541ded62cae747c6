package io.flinkk8s.sdk.core.validation;

import java.net.URI;
import java.net.URISyntaxException;

/** How the validator reads file-system locations: jar URIs, checkpoint and savepoint dirs. */
final class Uris {

    /** What a location with a scheme looks like, for messages. */
    static final String WITH_SCHEME = "a URI with a scheme, such as s3://bucket/path";

    private Uris() {}

    /**
     * Whether {@code text} is an absolute URI ({@code s3://bucket/cp}, {@code local:///opt/x.jar},
     * {@code file:///data}). A one-letter scheme is refused: that is a Windows drive, not a file
     * system Flink can reach from a pod.
     */
    static boolean hasScheme(String text) {
        if (text == null || text.isBlank() || !text.equals(text.strip())) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && uri.getScheme().length() > 1;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Whether {@code text} is an absolute path ({@code /flink-data/savepoints/sp-1}). */
    static boolean isAbsolutePath(String text) {
        return text != null && text.startsWith("/") && text.equals(text.strip());
    }
}
