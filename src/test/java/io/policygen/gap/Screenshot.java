package io.policygen.gap;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/** A rendered page's pixels, and the solid rectangles of one colour in them (bars). */
final class Screenshot {

    /** A solid run of one colour: {@code height} rows of the same {@code x} and {@code width}. */
    record Bar(int x, int y, int width, int height) {
    }

    private final BufferedImage image;

    Screenshot(Path png) throws IOException {
        this.image = ImageIO.read(png.toFile());
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    /** How many pixels are not white. */
    int inked() {
        int inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                inked += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
            }
        }
        return inked;
    }

    int colours() {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    /** The bars of exactly this colour ({@code #rrggbb}), at least {@code minWidth} wide, top to bottom. */
    List<Bar> bars(String colour, int minWidth) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        List<Bar> bars = new ArrayList<>();
        List<Bar> open = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            List<Bar> next = new ArrayList<>();
            int x = 0;
            while (x < image.getWidth()) {
                if ((image.getRGB(x, y) & 0xffffff) != rgb) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < image.getWidth() && (image.getRGB(x, y) & 0xffffff) == rgb) {
                    x++;
                }
                if (x - start < minWidth) {
                    continue;
                }
                int runX = start;
                int runWidth = x - start;
                Bar continued = open.stream().filter(b -> b.x() == runX && b.width() == runWidth).findFirst().orElse(null);
                if (continued != null) {
                    open.remove(continued);
                    next.add(new Bar(runX, continued.y(), runWidth, continued.height() + 1));
                } else {
                    next.add(new Bar(runX, y, runWidth, 1));
                }
            }
            bars.addAll(open);
            open = next;
        }
        bars.addAll(open);
        bars.sort(java.util.Comparator.comparingInt(Bar::y).thenComparingInt(Bar::x));
        return bars;
    }
}
