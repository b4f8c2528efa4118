package app.pacer.leads;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgType;
import app.pacer.core.command.ParseContext;

/** An email address or a phone number, checked for its shape as it is typed (or entered in the form). */
final class ContactArg implements ArgType<String> {

    private final boolean email;

    private ContactArg(boolean email) {
        this.email = email;
    }

    static ContactArg email() {
        return new ContactArg(true);
    }

    static ContactArg phone() {
        return new ContactArg(false);
    }

    @Override
    public String parse(String text, ParseContext context) {
        String t = text.trim();
        if (email ? !Contacts.validEmail(t) : !Contacts.validPhone(t)) {
            throw new ArgError(email ? "error.email" : "error.phone", t);
        }
        return t;
    }

    @Override
    public String placeholderKey() {
        return email ? "arg.email" : "arg.phone";
    }
}
