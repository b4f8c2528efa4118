package app.pacer.core.reply;

/** A text progress bar that reads the same on every platform: {@code ▓▓▓▓▓░░░░░ 50%}. */
public final class ProgressBar {

    private static final int WIDTH = 10;

    private ProgressBar() {
    }

    public static String of(Block.Progress progress) {
        int percent = progress.percent();
        int filled = Math.max(0, Math.min(WIDTH, percent / (100 / WIDTH)));
        return "▓".repeat(filled) + "░".repeat(WIDTH - filled) + " " + percent + "%";
    }
}
