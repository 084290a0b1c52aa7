package io.policygen.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every action AWS has, by service: the Service Authorization Reference as the build bundles it
 * ({@code io/policygen/gap/iam-actions.tsv}, {@code service<TAB>Action<TAB>level} sorted by service). The simulator
 * plays AWS, and AWS knows its own actions; it reads the file rather than the job's classes, so that it stays a room
 * of its own. An action is an index, a set of them a {@link BitSet}; the expansions of IAM's wildcards are kept.
 */
final class AwsActions {

    private static final String RESOURCE = "/io/policygen/gap/iam-actions.tsv";
    private static final AwsActions INSTANCE = read();

    private final List<String> actions;
    private final List<String> serviceOf;
    private final Map<String, int[]> services;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, BitSet> patterns = new ConcurrentHashMap<>();

    private AwsActions(List<String> actions, List<String> serviceOf, Map<String, int[]> services) {
        this.actions = actions;
        this.serviceOf = serviceOf;
        this.services = services;
        for (int i = 0; i < actions.size(); i++) {
            index.put(actions.get(i).toLowerCase(Locale.ROOT), i);
        }
    }

    static AwsActions get() {
        return INSTANCE;
    }

    /** {@code s3:GetObject}: the action at this index, as AWS spells it. */
    String action(int index) {
        return actions.get(index);
    }

    /** {@code s3}: the service prefix of the action at this index. */
    String service(int index) {
        return serviceOf.get(index);
    }

    /** The indexes of the service's actions, {@code [from, to)}; empty for a service AWS does not have. */
    int[] range(String service) {
        return services.getOrDefault(service, new int[] {0, 0}).clone();
    }

    int size() {
        return actions.size();
    }

    /** The index of an action ({@code s3:GetObject}, any case), or -1 for one AWS does not have. */
    int indexOf(String action) {
        return index.getOrDefault(action.toLowerCase(Locale.ROOT), -1);
    }

    /**
     * The actions an IAM action element names: {@code *}, {@code s3:*}, {@code s3:Get*}, {@code ec2:Describe?pcs},
     * case-insensitive as IAM's matching is. An element that is not {@code service:action} names none.
     */
    BitSet matching(String element) {
        return (BitSet) patterns.computeIfAbsent(element.toLowerCase(Locale.ROOT), this::expand).clone();
    }

    private BitSet expand(String element) {
        BitSet out = new BitSet(actions.size());
        if (element.equals("*")) {
            out.set(0, actions.size());
            return out;
        }
        int colon = element.indexOf(':');
        if (colon <= 0) {
            return out;
        }
        Pattern service = glob(element.substring(0, colon));
        Pattern action = glob(element.substring(colon + 1));
        services.forEach((prefix, range) -> {
            if (service.matcher(prefix).matches()) {
                for (int i = range[0]; i < range[1]; i++) {
                    if (action.matcher(actions.get(i).substring(colon(i) + 1)).matches()) {
                        out.set(i);
                    }
                }
            }
        });
        return out;
    }

    private int colon(int index) {
        return serviceOf.get(index).length();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (literal) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(literal);
            });
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static AwsActions read() {
        try (InputStream in = AwsActions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            List<String> actions = new ArrayList<>();
            List<String> serviceOf = new ArrayList<>();
            Map<String, int[]> services = new LinkedHashMap<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                String prefix = fields[0].toLowerCase(Locale.ROOT);
                services.computeIfAbsent(prefix, p -> new int[] {actions.size(), actions.size()})[1] = actions.size() + 1;
                actions.add(prefix + ":" + fields[1]);
                serviceOf.add(prefix);
            }
            return new AwsActions(List.copyOf(actions), List.copyOf(serviceOf), services);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
