package app.pacer.platform;

import app.pacer.core.org.Platform;

/**
 * A request that is not a shape its platform sends (unreadable JSON, no team or user, no conversation): a 400
 * from {@link PlatformErrors}, never a 500 or a stack trace, because retrying it cannot help.
 */
public class MalformedPayload extends RuntimeException {

    private final Platform platform;

    public MalformedPayload(Platform platform, String what) {
        this(platform, what, null);
    }

    public MalformedPayload(Platform platform, String what, Throwable cause) {
        super(what, cause, false, false);
        this.platform = platform;
    }

    public Platform platform() {
        return platform;
    }

    /** Reading a request body with a parser of the platform's SDK, which may fail with any exception. */
    @FunctionalInterface
    public interface Reading<T> {
        T read() throws Exception;
    }

    /** Reads a request body; any failure of the parser, or nothing read, means the body is malformed. */
    public static <T> T whileReading(Platform platform, Reading<T> reading) {
        T value;
        try {
            value = reading.read();
        } catch (Exception e) {
            throw new MalformedPayload(platform, "unreadable: " + e.getClass().getSimpleName(), e);
        }
        if (value == null) {
            throw new MalformedPayload(platform, "empty or unknown request");
        }
        return value;
    }
}
