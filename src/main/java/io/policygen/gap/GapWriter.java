package io.policygen.gap;

import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Computes each principal's gap and stores the chunk's in one transaction ({@link GapStore}). The computation is
 * pure, in memory and a matter of microseconds to a millisecond per principal, so it is done here rather than in a
 * processor of its own: the chunk's gaps are built and let go together.
 */
public class GapWriter implements ItemWriter<GapInput> {

    private final GapCalculator calculator;
    private final GapStore store;
    private final String catalog;

    public GapWriter(GapCalculator calculator, GapStore store, String catalog) {
        this.calculator = calculator;
        this.store = store;
        this.catalog = catalog;
    }

    @Override
    public void write(Chunk<? extends GapInput> chunk) {
        List<ComputedGap> gaps = new ArrayList<>(chunk.size());
        for (GapInput input : chunk) {
            gaps.add(new ComputedGap(input, calculator.gap(input.current(), input.generated())));
        }
        store.write(gaps, catalog);
    }
}
