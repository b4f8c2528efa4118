package app.pacer.core.command;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * What argument parsing needs to know about the person typing: their local date (for {@code today},
 * {@code fri}, …), their platform user id (for {@code me}) and the mentions the platform resolved
 * (Teams {@code <at>Name</at>} text → user id).
 */
public record ParseContext(LocalDate today, ZoneId zone, String selfUserId, Map<String, String> mentions) {

    public ParseContext {
        mentions = mentions == null ? Map.of() : Map.copyOf(mentions);
    }
}
