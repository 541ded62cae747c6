package io.flinkk8s.sdk.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges log levels ({@code observability.logging}) into a log4j 2 properties file: the root
 * logger's level replaces {@code rootLogger.level} (or is added), a logger the file names ({@code
 * logger.<id>.name}) gets its {@code logger.<id>.level} replaced (or added), and every other logger
 * gets a {@code logger.<id>.name} and {@code logger.<id>.level} pair at the end. Every other line
 * stays as it is. The levels win over the file's. Internal: not API, may change in any release.
 */
public final class Log4jLevels {

    /** The comment above the appended loggers. */
    static final String HEADER = "# Log levels from spec.observability.logging";

    private static final Pattern LOGGER_LINE =
            Pattern.compile("^\\s*logger\\.([^.\\s=:]+)\\.(name|level)\\s*[=:]\\s*(.*?)\\s*$");
    private static final Pattern ROOT_LEVEL = Pattern.compile("^\\s*rootLogger\\.level\\s*[=:].*$");

    private Log4jLevels() {}

    /**
     * {@code properties} with the levels merged in; unchanged when none is set.
     *
     * @param rootLevel the root logger's level, e.g. {@code WARN}; may be null
     * @param levels logger name → level
     */
    public static String merge(String properties, String rootLevel, Map<String, String> levels) {
        if (rootLevel == null && levels.isEmpty()) {
            return properties;
        }
        List<String> lines = new ArrayList<>(List.of(properties.split("\n", -1)));
        boolean trailingNewline = !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty();
        if (trailingNewline) {
            lines.remove(lines.size() - 1);
        }
        Map<String, String> idByLogger = new HashMap<>();
        Map<String, Integer> levelLineById = new HashMap<>();
        Map<String, Integer> nameLineById = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int rootLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = LOGGER_LINE.matcher(line);
            if (m.matches()) {
                ids.add(m.group(1));
                if (m.group(2).equals("name")) {
                    idByLogger.put(m.group(3), m.group(1));
                    nameLineById.put(m.group(1), i);
                } else {
                    levelLineById.put(m.group(1), i);
                }
            } else if (ROOT_LEVEL.matcher(line).matches()) {
                rootLine = i;
            }
        }
        List<String> appended = new ArrayList<>();
        Map<Integer, String> inserted = new HashMap<>();
        if (rootLevel != null) {
            String root = "rootLogger.level = " + rootLevel;
            if (rootLine >= 0) {
                lines.set(rootLine, root);
            } else {
                appended.add(root);
            }
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(levels).entrySet()) {
            String level = e.getValue();
            String id = idByLogger.get(e.getKey());
            if (id != null && levelLineById.containsKey(id)) {
                lines.set(levelLineById.get(id), "logger." + id + ".level = " + level);
            } else if (id != null) {
                inserted.put(nameLineById.get(id), "logger." + id + ".level = " + level);
            } else {
                String newId = newId(e.getKey(), ids);
                ids.add(newId);
                appended.add("logger." + newId + ".name = " + e.getKey());
                appended.add("logger." + newId + ".level = " + level);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
            if (inserted.containsKey(i)) {
                out.add(inserted.get(i));
            }
        }
        if (!appended.isEmpty()) {
            out.add("");
            out.add(HEADER);
            out.addAll(appended);
        }
        return String.join("\n", out) + (trailingNewline || !appended.isEmpty() ? "\n" : "");
    }

    /** {@code sdk_} and the logger name with every other character than a letter or digit as _. */
    private static String newId(String logger, Set<String> taken) {
        String base = "sdk_" + logger.replaceAll("[^A-Za-z0-9]", "_");
        String id = base;
        for (int n = 2; taken.contains(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }
}
