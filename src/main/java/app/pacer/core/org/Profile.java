package app.pacer.core.org;

/** What a platform tells about a person; any part may be null. */
public record Profile(String displayName, String locale, String timeZone) {
}
