package io.flinkk8s.sdk.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JobManager container's args, read as the official image's entrypoint and Flink's {@code
 * StandaloneApplicationClusterEntryPoint} read them: {@code standalone-job [options] [job args]}
 * for an application cluster, {@code jobmanager [host]} for a session cluster. Options end at the
 * first token that is not one (commons-cli's stop-at-non-option), so job args such as {@code
 * --topic orders} pass through.
 *
 * @param application whether the first arg is {@code standalone-job}
 * @param entryClass may be null: {@code --job-classname}
 * @param restorePath may be null: {@code --fromSavepoint}
 * @param jobArgs the job's own arguments, never null
 * @param dynamicProperties the {@code -Dkey=value} options, which override the config file
 */
record StandaloneJobArgs(
        boolean application,
        String entryClass,
        String restorePath,
        List<String> jobArgs,
        Map<String, String> dynamicProperties) {

    private static final Set<String> WITH_VALUE =
            Set.of(
                    "-c",
                    "--configDir",
                    "-r",
                    "--webui-port",
                    "-j",
                    "--job-classname",
                    "-jid",
                    "--job-id",
                    "-h",
                    "--host",
                    "-s",
                    "--fromSavepoint",
                    "-jars",
                    "--jars",
                    "-rm",
                    "--restoreMode");
    private static final Set<String> FLAGS = Set.of("-n", "--allowNonRestoredState");

    StandaloneJobArgs {
        jobArgs = List.copyOf(jobArgs);
        dynamicProperties = Map.copyOf(dynamicProperties);
    }

    /** Reads a JobManager container's args (null: none, a session JobManager). */
    static StandaloneJobArgs parse(List<String> args) {
        if (args == null || args.isEmpty() || !"standalone-job".equals(args.get(0))) {
            return new StandaloneJobArgs(false, null, null, List.of(), Map.of());
        }
        Map<String, String> options = new HashMap<>();
        Map<String, String> dynamic = new HashMap<>();
        int i = 1;
        while (i < args.size()) {
            String token = args.get(i);
            if (token.startsWith("-D")) {
                String property =
                        token.length() > 2
                                ? token.substring(2)
                                : i + 1 < args.size() ? args.get(++i) : "";
                int eq = property.indexOf('=');
                if (eq > 0) {
                    dynamic.put(property.substring(0, eq), property.substring(eq + 1));
                }
            } else if (WITH_VALUE.contains(token) && i + 1 < args.size()) {
                options.put(token, args.get(++i));
            } else if (!FLAGS.contains(token)) {
                break;
            }
            i++;
        }
        return new StandaloneJobArgs(
                true,
                option(options, "-j", "--job-classname"),
                option(options, "-s", "--fromSavepoint"),
                new ArrayList<>(args.subList(i, args.size())),
                dynamic);
    }

    private static String option(Map<String, String> options, String shortName, String longName) {
        return options.getOrDefault(longName, options.get(shortName));
    }
}
