package io.flinkk8s.sdk.testkit.internal.json;

import java.util.List;

/**
 * What an object's schema says about how server-side apply merges its lists: {@code
 * x-kubernetes-list-type} {@code map} (item by item, by {@code x-kubernetes-list-map-keys}), {@code
 * set} (value by value) or {@code atomic}, field by field. Without one, {@link FieldPaths} keys
 * lists by its table of built-in kinds; with one, a list the schema says nothing about is atomic,
 * as the API server treats the lists of custom resources.
 */
public interface ListTypes {

    /** Every list atomic: what a schema that says nothing about a field means. */
    ListTypes ATOMIC =
            new ListTypes() {
                @Override
                public ListTypes field(String name) {
                    return this;
                }

                @Override
                public ListTypes items() {
                    return this;
                }

                @Override
                public String listType() {
                    return null;
                }

                @Override
                public List<String> listMapKeys() {
                    return List.of();
                }
            };

    /** What the schema says below the field {@code name} of an object; never null. */
    ListTypes field(String name);

    /** What the schema says inside a list's items; null when nothing. */
    ListTypes items();

    /** {@code map}, {@code set}, {@code atomic}, or null (atomic). */
    String listType();

    /** The keys of a {@code map} list. */
    List<String> listMapKeys();
}
