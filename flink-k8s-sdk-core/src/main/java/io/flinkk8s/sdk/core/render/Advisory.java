package io.flinkk8s.sdk.core.render;

/**
 * Something worth telling the user about a spec that is valid: a value of theirs that overrides
 * what the SDK would derive, for example. Rendering never logs; advisories are returned with the
 * result instead ({@link RenderedResources#advisories()}).
 *
 * @param path the spec field it is about, in validation's notation, e.g. {@code
 *     flinkConfiguration['taskmanager.numberOfTaskSlots']}
 * @param message what happened and what it means, starting lower-case
 */
public record Advisory(String path, String message) {

    /** {@code path: message}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
