package app.pacer.core.command;

import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import java.sql.SQLException;

/**
 * Recognises "the database cannot be reached" in an exception's causes — a broken or refused connection
 * (SQLState class 08), a server shutting down or starting (57P01–57P03), a pool that could not get a
 * connection in time — so that people get "temporarily unavailable" rather than an incident number.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** What a member is told when the database cannot be reached: both languages, as reading theirs would need it. */
    public static String saidToMembers() {
        return Messages.of(Language.EN).get("error.unavailable") + "\n" + Messages.of(Language.ZH).get("error.unavailable");
    }

    public static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03"))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("acquisition timeout") || message.contains("connection refused")
                        || message.contains("this connection has been closed")) {
                    return true;
                }
            }
            if (t.getClass().getName().endsWith("JDBCConnectionException") || t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
