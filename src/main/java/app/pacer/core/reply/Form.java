package app.pacer.core.reply;

import java.util.List;
import java.util.Map;

/**
 * A form: a Slack modal or a Teams card with inputs. Submitting it invokes {@code action} with the input
 * values as arguments (input names are the command's argument names), so typed and submitted values are
 * parsed and validated by the same code. {@code intro} is shown above the inputs (what the form is about: a
 * review's numbers).
 */
public record Form(ActionRef action, String title, String submitLabel, List<Input> inputs, List<Block> intro) {

    public Form {
        inputs = List.copyOf(inputs);
        intro = intro == null ? List.of() : List.copyOf(intro);
    }

    public Form(ActionRef action, String title, String submitLabel, List<Input> inputs) {
        this(action, title, submitLabel, inputs, List.of());
    }

    public record Input(String name, String label, Kind kind, boolean required, String value, String hint,
            List<Choice> choices) {

        public Input {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        public enum Kind { TEXT, MULTILINE, NUMBER, DATE, SELECT }

        public Input withValue(String newValue) {
            return new Input(name, label, kind, required, newValue, hint, choices);
        }
    }

    public record Choice(String value, String label) {
    }

    /** The same form with the values a person submitted, so a form shown again with errors keeps them. */
    public Form withValues(Map<String, String> values) {
        return new Form(action, title, submitLabel,
                inputs.stream().map(i -> values.containsKey(i.name()) ? i.withValue(values.get(i.name())) : i).toList(), intro);
    }
}
