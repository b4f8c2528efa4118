package app.pacer.core.reply;

/** A button; clicking it invokes {@code action} as if the person had typed that command. */
public record Button(String label, ActionRef action, Style style) {

    public enum Style { DEFAULT, PRIMARY, DANGER }

    public static Button of(String label, ActionRef action) {
        return new Button(label, action, Style.DEFAULT);
    }

    public static Button primary(String label, ActionRef action) {
        return new Button(label, action, Style.PRIMARY);
    }
}
