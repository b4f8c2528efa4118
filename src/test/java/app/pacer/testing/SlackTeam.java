package app.pacer.testing;

import static app.pacer.testing.SlackRequests.command;

import java.util.List;

/**
 * A fresh Slack workspace with four people in UTC: its admin (the first to use Pacer), a manager who manages
 * the rep, the rep, and another rep (managed by the admin by default).
 */
public record SlackTeam(String id, String admin, String manager, String rep, String other) {

    public static SlackTeam withManager() {
        SlackTeam t = new SlackTeam(SlackRequests.newTeam(), SlackRequests.newUser(), SlackRequests.newUser(),
                SlackRequests.newUser(), SlackRequests.newUser());
        for (String user : List.of(t.admin(), t.manager(), t.rep(), t.other())) {
            command(t.id(), user, "settings timezone UTC");
        }
        command(t.id(), t.admin(), "role " + t.mention(t.manager()) + " manager");
        String set = command(t.id(), t.admin(), "manager " + t.mention(t.rep()) + " " + t.mention(t.manager())).toString();
        if (!set.contains("manager is now")) {
            throw new AssertionError("could not set the rep's manager: " + set);
        }
        return t;
    }

    public String mention(String user) {
        return "<@" + user + ">";
    }
}
