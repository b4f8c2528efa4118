package app.pacer.core.reply;

import java.util.ArrayList;
import java.util.List;

/** Stand-ins where a platform cannot show a form or its errors directly. */
public final class FormFallbacks {

    private FormFallbacks() {
    }

    /** A message with a button that opens the form (Slack needs a click to open a modal from a DM). */
    public static Reply.Message launcher(Form form, Messages messages) {
        return Reply.message(form.title(), List.of(new Block.Text("**" + form.title() + "**"),
                new Block.Actions(List.of(Button.primary(messages.get("form.open"), form.action())))));
    }

    /** The errors of a form as a message, one line per input. */
    public static Reply.Message errorsAsMessage(Reply.FormErrors errors, Messages messages) {
        List<String> lines = new ArrayList<>();
        errors.errors().forEach((name, error) -> {
            String label = errors.form() == null ? name : errors.form().inputs().stream()
                    .filter(i -> i.name().equals(name)).map(Form.Input::label).findFirst().orElse(name);
            lines.add("**" + label + "**: " + error);
        });
        return Reply.message(messages.get("form.invalid"), List.of(new Block.Text("⚠️ " + messages.get("form.invalid")),
                new Block.Bullets(lines)));
    }
}
