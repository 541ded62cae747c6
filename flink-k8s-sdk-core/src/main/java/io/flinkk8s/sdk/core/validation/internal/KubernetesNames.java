package io.flinkk8s.sdk.core.validation.internal;

import java.util.regex.Pattern;

/**
 * The name rules of the Kubernetes API server ({@code k8s.io/apimachinery/pkg/util/validation}),
 * each with the text a violation shows, so that a name the validator accepts is one the API server
 * accepts.
 */
public final class KubernetesNames {

    /** A DNS-1123 label: object names, namespaces. */
    public static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    /** The longest DNS-1123 label. */
    public static final int DNS_LABEL_MAX = 63;

    /** A DNS-1123 label that starts with a letter, as Flink requires of a cluster id. */
    public static final String DNS_LABEL_STARTING_WITH_LETTER = "[a-z]([-a-z0-9]*[a-z0-9])?";

    /** A DNS-1123 subdomain: dot-separated labels. */
    public static final String DNS_SUBDOMAIN = DNS_LABEL + "(\\." + DNS_LABEL + ")*";

    /** The longest DNS-1123 subdomain. */
    public static final int DNS_SUBDOMAIN_MAX = 253;

    /**
     * The name part of a qualified name (label and annotation keys) and a non-empty label value.
     */
    public static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    /** The longest name part of a qualified name, and the longest label value. */
    public static final int QUALIFIED_NAME_MAX = 63;

    /** An environment variable name. */
    public static final String ENV_VAR_NAME = "[-._a-zA-Z][-._a-zA-Z0-9]*";

    /** A key in a Secret or ConfigMap. */
    public static final String CONFIG_MAP_KEY = "[-._a-zA-Z0-9]+";

    public static final String DNS_LABEL_RULE =
            "must be a DNS-1123 label ("
                    + DNS_LABEL
                    + ") of at most "
                    + DNS_LABEL_MAX
                    + " characters";
    public static final String DNS_SUBDOMAIN_RULE =
            "must be a DNS-1123 subdomain (lower-case alphanumerics, '-' and '.', starting and"
                    + " ending with an alphanumeric) of at most "
                    + DNS_SUBDOMAIN_MAX
                    + " characters";
    public static final String QUALIFIED_NAME_RULE =
            "key must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then at"
                    + " most "
                    + QUALIFIED_NAME_MAX
                    + " characters matching "
                    + QUALIFIED_NAME;
    public static final String LABEL_VALUE_RULE =
            "must be empty or at most "
                    + QUALIFIED_NAME_MAX
                    + " characters matching "
                    + QUALIFIED_NAME;
    public static final String ENV_VAR_NAME_RULE = "must match " + ENV_VAR_NAME;
    public static final String CONFIG_MAP_KEY_RULE =
            "must match " + CONFIG_MAP_KEY + " and be at most " + DNS_SUBDOMAIN_MAX + " characters";

    private static final Pattern DNS_LABEL_PATTERN = Pattern.compile(DNS_LABEL);
    private static final Pattern LETTER_LABEL_PATTERN =
            Pattern.compile(DNS_LABEL_STARTING_WITH_LETTER);
    private static final Pattern DNS_SUBDOMAIN_PATTERN = Pattern.compile(DNS_SUBDOMAIN);
    private static final Pattern QUALIFIED_NAME_PATTERN = Pattern.compile(QUALIFIED_NAME);
    private static final Pattern ENV_VAR_NAME_PATTERN = Pattern.compile(ENV_VAR_NAME);
    private static final Pattern CONFIG_MAP_KEY_PATTERN = Pattern.compile(CONFIG_MAP_KEY);

    private KubernetesNames() {}

    public static boolean isDnsLabel(String s, int maxLength) {
        return s != null && s.length() <= maxLength && DNS_LABEL_PATTERN.matcher(s).matches();
    }

    public static boolean isDnsLabelStartingWithLetter(String s, int maxLength) {
        return s != null && s.length() <= maxLength && LETTER_LABEL_PATTERN.matcher(s).matches();
    }

    public static boolean isDnsSubdomain(String s) {
        return s != null
                && s.length() <= DNS_SUBDOMAIN_MAX
                && DNS_SUBDOMAIN_PATTERN.matcher(s).matches();
    }

    /** A label or annotation key: {@code [prefix/]name}. */
    public static boolean isQualifiedName(String s) {
        if (s == null) {
            return false;
        }
        int slash = s.indexOf('/');
        String name = slash < 0 ? s : s.substring(slash + 1);
        if (slash >= 0 && !isDnsSubdomain(s.substring(0, slash))) {
            return false;
        }
        return name.length() <= QUALIFIED_NAME_MAX
                && QUALIFIED_NAME_PATTERN.matcher(name).matches();
    }

    public static boolean isLabelValue(String s) {
        return s != null
                && (s.isEmpty()
                        || s.length() <= QUALIFIED_NAME_MAX
                                && QUALIFIED_NAME_PATTERN.matcher(s).matches());
    }

    public static boolean isEnvVarName(String s) {
        return s != null && ENV_VAR_NAME_PATTERN.matcher(s).matches();
    }

    public static boolean isConfigMapKey(String s) {
        return s != null
                && s.length() <= DNS_SUBDOMAIN_MAX
                && CONFIG_MAP_KEY_PATTERN.matcher(s).matches();
    }
}
