package io.flinkk8s.sdk.delivery.image;

import java.util.Objects;

/**
 * A user name and password (or token) for a container registry. {@link #toString()} never shows the
 * password.
 *
 * @param username the registry user
 * @param password the password or access token
 */
public record RegistryLogin(String username, String password) {

    /** Requires both values. */
    public RegistryLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryLogin[username=" + username + ", password=***]";
    }
}
