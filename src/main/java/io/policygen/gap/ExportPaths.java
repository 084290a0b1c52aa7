package io.policygen.gap;

import io.policygen.text.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an export puts a principal's files: {@code ACCOUNT/role/PATH.../NAME}, relative to the export's directory,
 * '/'-separated. Names and paths come from member accounts and are never trusted: each segment is mapped to a safe
 * file name, and nothing it maps to can leave the directory or collide with another principal's files.
 * <ul>
 *   <li>Kept as they are: letters, digits and {@code _+=,@-}, and {@code .} inside a name (IAM names allow
 *       {@code [\w+=,.@-]}). Every other character, including {@code /}, {@code \}, NUL, {@code %} and non-ASCII
 *       ones, becomes {@code %XX} per UTF-8 byte; so does a name's leading dot ({@code .}, {@code ..}, {@code .git})
 *       and every dot of a path segment (a directory never looks like a {@code .json} file).</li>
 *   <li>A name that ends like a file of another principal's ({@code x.gap}: {@code x.gap.json}; {@code x-2}:
 *       {@code x-2.json}) has that dot or dash escaped; IAM names are unique in an account regardless of case, so
 *       the mapped names are too.</li>
 *   <li>A segment longer than 200 characters once mapped (IAM paths reach 512) is cut, with {@code ~} and a hash
 *       of the whole (a {@code ~} is otherwise always escaped).</li>
 * </ul>
 * Empty path segments are dropped: a principal's files are told apart by its name, unique in its account.
 */
final class ExportPaths {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern SPLIT_SUFFIX = Pattern.compile(".*-\\d+");
    private static final int MAX_SEGMENT = 200;

    private ExportPaths() {
    }

    /** The principal's files without their ending: {@code NAME.json}, {@code NAME-2.json}, {@code NAME.gap.json}. */
    static String base(GapPrincipal principal) {
        if (!ACCOUNT.matcher(principal.accountId()).matches()) {
            throw new IllegalArgumentException("not an AWS account id: " + printable(principal.accountId()));
        }
        if (principal.name().isEmpty()) {
            throw new IllegalArgumentException("a principal without a name in account " + principal.accountId());
        }
        List<String> segments = new ArrayList<>();
        segments.add(principal.accountId());
        segments.add(principal.type().directory());
        for (String segment : principal.path().split("/")) {
            if (!segment.isEmpty()) {
                segments.add(pathSegment(segment));
            }
        }
        segments.add(name(principal.name()));
        return String.join("/", segments);
    }

    /** For a message: control characters (a line break in a log) as '?'. */
    static String printable(String text) {
        return '"' + text.replaceAll("\\p{Cntrl}", "?") + '"';
    }

    static String pathSegment(String segment) {
        return bounded(encode(segment, true));
    }

    static String name(String name) {
        String encoded = encode(name, false);
        String lower = encoded.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gap")) {
            encoded = encoded.substring(0, encoded.length() - 4) + "%2E" + encoded.substring(encoded.length() - 3);
        } else if (SPLIT_SUFFIX.matcher(encoded).matches()) {
            int dash = encoded.lastIndexOf('-');
            encoded = encoded.substring(0, dash) + "%2D" + encoded.substring(dash + 1);
        }
        return bounded(encoded);
    }

    private static String encode(String text, boolean escapeEveryDot) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean dot = b == '.';
            boolean safe = b < 0x80 && (Character.isLetterOrDigit(b) || "_+=,@-".indexOf(b) >= 0
                    || dot && i > 0 && !escapeEveryDot);
            if (safe) {
                out.append((char) b);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
            }
        }
        return out.toString();
    }

    private static String bounded(String segment) {
        if (segment.length() <= MAX_SEGMENT) {
            return segment;
        }
        return segment.substring(0, MAX_SEGMENT - 17) + "~" + Sha256.hexPrefix(segment, 8);
    }
}
