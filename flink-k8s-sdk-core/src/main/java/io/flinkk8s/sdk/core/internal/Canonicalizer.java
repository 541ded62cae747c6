package io.flinkk8s.sdk.core.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Brings rendered objects into the form the API server stores, so that a server-side apply of the
 * same objects twice changes nothing (the lesson of JOSDK #2742/#2802). What it does:
 *
 * <ul>
 *   <li>container resource quantities in Deployment pod templates (main, sidecar and init
 *       containers) become canonical, as Kubernetes' {@code resource.Quantity} prints them: binary
 *       quantities with the largest exact binary suffix ({@code 1536Mi}), decimal ones with the
 *       largest exact decimal suffix ({@code 500m}, {@code 2}, {@code 1k}); quantities in exponent
 *       notation are kept; decimal amounts below a milli-unit are rounded up to {@code 1m};
 *   <li>resource names are sorted.
 * </ul>
 *
 * Empty lists and maps need no work: fabric8 omits them when it serialises. Internal: not API, may
 * change in any release.
 */
public final class Canonicalizer {

    private static final String[] DECIMAL_SUFFIXES = {"m", "", "k", "M", "G", "T", "P", "E"};
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
    private static final List<String> BINARY_SUFFIXES = List.of("Ki", "Mi", "Gi", "Ti");
    private static final List<String> DECIMAL = List.of(DECIMAL_SUFFIXES);

    private Canonicalizer() {}

    /** A canonical copy of {@code object}; {@code object} itself is left untouched. */
    public static <T extends HasMetadata> T canonical(T object) {
        T copy = KubeCopies.copy(object);
        if (copy instanceof Deployment d
                && d.getSpec() != null
                && d.getSpec().getTemplate() != null
                && d.getSpec().getTemplate().getSpec() != null) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            pod.setContainers(canonicalContainers(pod.getContainers()));
            pod.setInitContainers(canonicalContainers(pod.getInitContainers()));
        }
        return copy;
    }

    /**
     * {@code object} itself when it is canonical already, else a canonical copy; {@code object} is
     * never changed. For objects nobody will change, e.g. those a render owns.
     */
    public static <T extends HasMetadata> T canonicalOrSame(T object) {
        return isCanonical(object) ? object : canonical(object);
    }

    private static boolean isCanonical(HasMetadata object) {
        if (!(object instanceof Deployment d)
                || d.getSpec() == null
                || d.getSpec().getTemplate() == null
                || d.getSpec().getTemplate().getSpec() == null) {
            return true;
        }
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        return allCanonical(pod.getContainers()) && allCanonical(pod.getInitContainers());
    }

    /**
     * The canonical form of {@code q}, e.g. {@code 1000m} → {@code 1}, {@code 2048Mi} → {@code
     * 2Gi}.
     */
    public static Quantity canonical(Quantity q) {
        String format = q.getFormat() == null ? "" : q.getFormat();
        if (format.startsWith("e") || format.startsWith("E")) {
            return new Quantity(q.getAmount(), q.getFormat());
        }
        BigDecimal amount = q.getNumericalAmount();
        boolean binary = format.endsWith("i");
        if (binary && amount.signum() >= 0 && amount.stripTrailingZeros().scale() <= 0) {
            return Quantities.canonicalBytes(amount.longValueExact());
        }
        return decimal(amount);
    }

    private static Quantity decimal(BigDecimal amount) {
        BigInteger milli =
                amount.movePointRight(3).setScale(0, RoundingMode.CEILING).toBigInteger();
        if (milli.signum() == 0) {
            return new Quantity("0");
        }
        int i = 0;
        while (i < DECIMAL_SUFFIXES.length - 1 && milli.mod(THOUSAND).signum() == 0) {
            milli = milli.divide(THOUSAND);
            i++;
        }
        return new Quantity(milli.toString(), DECIMAL_SUFFIXES[i]);
    }

    private static List<Container> canonicalContainers(List<Container> containers) {
        if (containers == null) {
            return null;
        }
        List<Container> canonical = new ArrayList<>(containers.size());
        containers.forEach(c -> canonical.add(canonicalContainer(c)));
        return canonical;
    }

    /** Whether every container's resources are canonical; no containers need no work. */
    private static boolean allCanonical(List<Container> containers) {
        if (containers == null) {
            return true;
        }
        for (Container c : containers) {
            ResourceRequirements r = c.getResources();
            if (r != null
                    && !(isCanonical(r.getLimits(), Map.of())
                            && isCanonical(
                                    r.getRequests(),
                                    r.getLimits() == null ? Map.of() : r.getLimits()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the keys are sorted and every quantity is written as its canonical form; a quantity
     * that is the very one {@code checked} holds under its key is not checked again (the SDK puts
     * the same quantity into limits and requests).
     */
    private static boolean isCanonical(
            Map<String, Quantity> quantities, Map<String, Quantity> checked) {
        if (quantities == null) {
            return true;
        }
        String previous = null;
        for (Map.Entry<String, Quantity> e : quantities.entrySet()) {
            if (e.getKey() == null || previous != null && previous.compareTo(e.getKey()) >= 0) {
                return false;
            }
            previous = e.getKey();
            Quantity q = e.getValue();
            if (q != null && q != checked.get(e.getKey()) && !isCanonical(q)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCanonical(Quantity q) {
        return isPlainlyCanonical(q) || sameText(q, canonical(q));
    }

    /**
     * Whether {@code q} is canonical at sight, without computing its canonical form: a positive
     * integer of at most six digits (no sign, no leading zero) that its unit's base (1024 for
     * {@code Ki}..{@code Ti}, 1000 for the decimal suffixes and none) does not divide, so no larger
     * suffix could write it. False only means "compute it".
     */
    static boolean isPlainlyCanonical(Quantity q) {
        String amount = q.getAmount();
        String format = q.getFormat() == null ? "" : q.getFormat();
        int base = BINARY_SUFFIXES.contains(format) ? 1024 : DECIMAL.contains(format) ? 1000 : 0;
        if (base == 0
                || amount == null
                || amount.isEmpty()
                || amount.length() > 6
                || amount.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < amount.length(); i++) {
            if (amount.charAt(i) < '0' || amount.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(amount) % base != 0;
    }

    private static boolean sameText(Quantity a, Quantity b) {
        return Objects.equals(a.getAmount(), b.getAmount())
                && Objects.equals(a.getFormat(), b.getFormat());
    }

    private static Container canonicalContainer(Container c) {
        ResourceRequirements r = c.getResources();
        if (r == null) {
            return c;
        }
        return new ContainerBuilder(c)
                .editResources()
                .withLimits(canonicalMap(r.getLimits()))
                .withRequests(canonicalMap(r.getRequests()))
                .endResources()
                .build();
    }

    private static Map<String, Quantity> canonicalMap(Map<String, Quantity> quantities) {
        if (quantities == null) {
            return null;
        }
        Map<String, Quantity> sorted = new TreeMap<>();
        quantities.forEach((k, v) -> sorted.put(k, v == null ? null : canonical(v)));
        return sorted;
    }
}
