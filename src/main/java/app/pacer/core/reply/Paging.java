package app.pacer.core.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** "Page 2 of 5" with Previous / Next buttons, for any paginated list. */
public final class Paging {

    private Paging() {
    }

    /** Nothing when everything fits on one page; {@code action} gives the command that shows page n. */
    public static List<Block> controls(Messages m, int page, int pages, IntFunction<ActionRef> action) {
        if (pages <= 1) {
            return List.of();
        }
        List<Button> buttons = new ArrayList<>();
        if (page > 1) {
            buttons.add(Button.of(m.get("page.previous"), action.apply(page - 1)));
        }
        if (page < pages) {
            buttons.add(Button.of(m.get("page.next"), action.apply(page + 1)));
        }
        return List.of(new Block.Context(m.get("page.of", page, pages)), new Block.Actions(buttons));
    }
}
