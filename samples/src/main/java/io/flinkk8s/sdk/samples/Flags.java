package io.flinkk8s.sdk.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line of a command whose options all take a value: {@code --flag value ...}. */
final class Flags {

    private Flags() {}

    /**
     * The {@code (flag, value)} pairs of {@code args}, in order; the caller's {@code switch} names
     * the flags it knows.
     *
     * @throws IllegalArgumentException {@code "<flag> needs a value"} for a last flag without one
     */
    static List<Map.Entry<String, String>> pairs(List<String> args) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            pairs.add(Map.entry(flag, args.get(++i)));
        }
        return pairs;
    }
}
