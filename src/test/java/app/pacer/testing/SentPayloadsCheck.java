package app.pacer.testing;

import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails a {@code @QuarkusTest} when Pacer sent, during it, an Adaptive Card that breaks the 1.5 schema or a Slack
 * message or view over Block Kit's limits ({@link FakePlatforms#PAYLOAD_VIOLATIONS}), printing each payload and
 * what is wrong. Registered for every Quarkus test through
 * {@code META-INF/services/io.quarkus.test.junit.callback.*} (Quarkus loads these callbacks with the application's
 * class loader, the one the fakes live in). After each test, and once more after the class for what a background
 * delivery sent late.
 */
public class SentPayloadsCheck implements QuarkusTestAfterEachCallback, QuarkusTestAfterAllCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        failOnViolations(context.getTestMethod().getDeclaringClass().getSimpleName() + "." + context.getTestMethod().getName());
    }

    @Override
    public void afterAll(QuarkusTestContext context) {
        failOnViolations(context.getTestInstance() == null ? "a test class" : context.getTestInstance().getClass().getSimpleName());
    }

    private static void failOnViolations(String test) {
        if (FakePlatforms.PAYLOAD_VIOLATIONS.isEmpty()) {
            return;
        }
        List<String> found = new ArrayList<>();
        // drain, so the next test is blamed only for what it sends
        while (!FakePlatforms.PAYLOAD_VIOLATIONS.isEmpty()) {
            found.add(FakePlatforms.PAYLOAD_VIOLATIONS.remove(0));
        }
        throw new AssertionError(found.size() + " payload(s) sent during " + test
                + " would be refused or mis-rendered by Slack or Teams:\n\n" + String.join("\n\n", found));
    }
}
