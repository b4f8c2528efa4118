package app.pacer.core.reply;

/** A button; clicking it invokes {@code action} as if the person had typed that command. */
public record Button(String label, ActionRef action, Style style, String url) {

    public Button(String label, ActionRef action, Style style) {
        this(label, action, style, null);
    }

    /** A button that opens a web page instead of running a command. */
    public static Button link(String label, String url) {
        return new Button(label, null, Style.DEFAULT, url);
    }

    public enum Style { DEFAULT, PRIMARY, DANGER }

    public static Button of(String label, ActionRef action) {
        return new Button(label, action, Style.DEFAULT);
    }

    public static Button primary(String label, ActionRef action) {
        return new Button(label, action, Style.PRIMARY);
    }
}
