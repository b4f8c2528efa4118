package app.pacer.imports;

/** A file Pacer cannot import, and why: a message key (both languages) and its arguments. */
final class BadFile extends Exception {

    final String key;
    final transient Object[] args;

    BadFile(String key, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args;
    }
}
