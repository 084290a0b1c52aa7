package io.policygen.gap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The export directory's files, written only below it: every directory on the way is created here or checked to be
 * a real directory (never a symbolic link someone placed to lead elsewhere), files are opened without following
 * links, and a file whose bytes are already right is left alone (its time too). Removes only regular {@code .json}
 * files under an account's {@code role/} and {@code user/} directories and under {@code permission-sets/}, and the
 * directories that leaves empty.
 */
final class ExportFiles {

    private final Path root;
    private final Set<Path> checkedDirectories = new HashSet<>();
    int written;
    int removed;

    ExportFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.root = dir.toRealPath();
    }

    Path root() {
        return root;
    }

    /** Writes {@code text} to {@code relative} ('/'-separated, from {@link ExportPaths}). */
    void write(String relative, String text) throws IOException {
        Path file = resolve(relative);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isSymbolicLink(file)) {
            throw new IOException("refusing to write through the symbolic link " + file);
        }
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        written++;
    }

    /** Removes the account's exported files that are not in {@code keep} (relative paths, as written). */
    void removeStale(String accountId, Set<String> keep) throws IOException {
        for (String type : List.of(PrincipalKind.ROLE.directory(), PrincipalKind.USER.directory())) {
            removeStaleUnder(accountId + "/" + type, keep);
        }
        Path account = root.resolve(accountId);
        if (Files.isDirectory(account, LinkOption.NOFOLLOW_LINKS) && isEmpty(account)) {
            Files.delete(account);
        }
    }

    /** Removes the {@code .json} files under {@code directory} that are not in {@code keep}, and the directories it empties. */
    void removeStaleUnder(String directory, Set<String> keep) throws IOException {
        Path top = root.resolve(directory);
        if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(top)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            String relative = root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && relative.endsWith(".json") && !keep.contains(relative)) {
                Files.delete(path);
                removed++;
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && isEmpty(path)) {
                Files.delete(path);
            }
        }
    }

    /** The account directories of an earlier export: twelve digits. */
    List<String> accountDirectories() throws IOException {
        return accountDirectories(root);
    }

    /** The account directories (twelve digits) in {@code dir}, an export's or not. */
    static List<String> accountDirectories(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
                    .map(child -> child.getFileName().toString()).filter(name -> name.matches("\\d{12}")).sorted().toList();
        }
    }

    /** Moves a finished file into place in one step, so that a reader never sees half of it. */
    void replace(String temporary, String relative) throws IOException {
        Files.move(resolve(temporary), resolve(relative), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file, its directories made or checked on the way. */
    Path resolve(String relative) throws IOException {
        String[] segments = relative.split("/");
        Path directory = root;
        for (int i = 0; i < segments.length - 1; i++) {
            directory = directory.resolve(check(segments[i], relative));
            if (checkedDirectories.add(directory)) {
                if (Files.isSymbolicLink(directory)) {
                    throw new IOException("refusing to write through the symbolic link " + directory);
                }
                if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(directory);
                } else if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(directory + " is not a directory");
                }
            }
        }
        Path file = directory.resolve(check(segments[segments.length - 1], relative));
        if (!file.normalize().startsWith(root) || file.getParent() == null) {
            throw new IllegalArgumentException("outside the export directory: " + ExportPaths.printable(relative));
        }
        return file;
    }

    /** A second line of defence behind {@link ExportPaths}: no segment that could climb or hide. */
    private static String check(String segment, String relative) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0
                || segment.indexOf('\0') >= 0 || segment.indexOf(':') >= 0) {
            throw new IllegalArgumentException("not a safe path in the export: " + ExportPaths.printable(relative));
        }
        return segment;
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.findAny().isEmpty();
        }
    }
}
