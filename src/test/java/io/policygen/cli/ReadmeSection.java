package io.policygen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fenced blocks of one {@code ## } section of a Markdown file, in order, their list indentation removed. */
record ReadmeSection(List<Block> blocks) {

    /** One fenced block: its language ({@code sh}, {@code yaml}, {@code text}) and its lines. */
    record Block(String language, List<String> lines) {
    }

    static ReadmeSection read(Path markdown, String heading) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        int start = lines.indexOf("## " + heading);
        if (start < 0) {
            throw new IllegalArgumentException(markdown + " has no section '## " + heading + "'");
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String fence = lines.get(i).stripLeading();
            if (fence.startsWith("```") && fence.length() > 3) {
                int indent = lines.get(i).length() - fence.length();
                List<String> body = new ArrayList<>();
                for (i++; !lines.get(i).stripLeading().equals("```"); i++) {
                    body.add(lines.get(i).length() >= indent ? lines.get(i).substring(indent) : lines.get(i).strip());
                }
                blocks.add(new Block(fence.substring(3).strip(), List.copyOf(body)));
            }
        }
        return new ReadmeSection(List.copyOf(blocks));
    }

    List<Block> blocks(String language) {
        return blocks.stream().filter(block -> block.language().equals(language)).toList();
    }
}
