package io.policygen.gap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's file, {@code iam-actions.tsv} beside {@link ActionCatalog} in the jar, as
 * {@code scripts/iam-catalog.sh} writes it: {@code #} lines naming its source, then {@code service<TAB>Action<TAB>level}
 * lines sorted by service. The bundled one is read once per JVM, when first asked for.
 */
final class CatalogFile {

    static final String RESOURCE = "iam-actions.tsv";

    private CatalogFile() {
    }

    static ActionCatalog parse(String text) {
        try {
            return read(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ActionCatalog read(Reader source) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        BufferedReader lines = new BufferedReader(source);
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.startsWith("#")) {
                header.add(line.substring(1).strip());
            } else if (!line.isBlank()) {
                String[] row = line.split("\t", -1);
                if (row.length != 3 || row[0].isEmpty() || row[1].isEmpty() || row[2].length() != 1) {
                    throw new IllegalArgumentException("catalog line " + number + " is not service<TAB>Action<TAB>level: " + line);
                }
                rows.add(row);
            }
        }
        return new ActionCatalog(rows, header);
    }

    static ActionCatalog bundled() {
        return Bundled.CATALOG;
    }

    /** Loaded when first asked for, once: the class's initialisation is the JVM's lock. */
    private static final class Bundled {
        static final ActionCatalog CATALOG = load();
    }

    private static ActionCatalog load() {
        try (InputStream in = ActionCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the IAM action catalog " + RESOURCE + " is missing from the classpath");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the IAM action catalog " + RESOURCE, e);
        }
    }
}
