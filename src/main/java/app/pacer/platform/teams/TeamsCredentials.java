package app.pacer.platform.teams;

import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import java.util.concurrent.CompletableFuture;

/** Hands our own cached token to the SDK's connector client instead of letting it run MSAL. */
final class TeamsCredentials extends MicrosoftAppCredentials {

    private final TeamsTokens tokens;

    TeamsCredentials(String appId, TeamsTokens tokens) {
        super(appId, null);
        this.tokens = tokens;
    }

    @Override
    public CompletableFuture<String> getToken() {
        try {
            return CompletableFuture.completedFuture(tokens.token());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
