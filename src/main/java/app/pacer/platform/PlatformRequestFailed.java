package app.pacer.platform;

import app.pacer.core.org.Platform;

/**
 * Handling an authenticated platform request failed. It carries the platform and whether the member reads the
 * HTTP answer, so that {@link PlatformErrors} can choose that platform's answer from the cause (overload,
 * database outage, a malformed payload, or a failure of ours).
 */
public class PlatformRequestFailed extends RuntimeException {

    private final Platform platform;
    private final boolean answerShownToMember;

    PlatformRequestFailed(Platform platform, boolean answerShownToMember, Throwable cause) {
        super(platform + " request failed", cause, false, false);
        this.platform = platform;
        this.answerShownToMember = answerShownToMember;
    }

    public Platform platform() {
        return platform;
    }

    /**
     * Whether the member sees the body of the HTTP answer (a Slack slash command's acknowledgement): then a
     * refusal is said to them in it; otherwise only the status counts, and the platform retries a 503.
     */
    public boolean answerShownToMember() {
        return answerShownToMember;
    }

    /** The platform-facing part of a request handler, whose SDK may fail with any exception. */
    @FunctionalInterface
    public interface Handling<T> {
        T run() throws Exception;
    }

    /** Runs {@code handling}; whatever it throws comes out as a {@link PlatformRequestFailed} for {@link PlatformErrors}. */
    public static <T> T whileHandling(Platform platform, boolean answerShownToMember, Handling<T> handling) {
        try {
            return handling.run();
        } catch (Exception e) {
            throw new PlatformRequestFailed(platform, answerShownToMember, e);
        }
    }
}
