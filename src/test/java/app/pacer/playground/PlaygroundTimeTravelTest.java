package app.pacer.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where time travel stops: the member's morning and the team's digest, in one jump when they are close. */
class PlaygroundTimeTravelTest {

    private static final Instant MORNING = Instant.parse("2026-12-02T14:01:00Z");

    @Test
    void withoutADigestOnlyTheMorning() {
        assertEquals(List.of(MORNING), PlaygroundService.stops(MORNING, Optional.empty()));
    }

    @Test
    void aDigestHalfAnHourLaterIsOneJumpToIt() {
        Instant digest = MORNING.plusSeconds(30 * 60);
        assertEquals(List.of(digest), PlaygroundService.stops(MORNING, Optional.of(digest)));
        assertEquals(List.of(MORNING), PlaygroundService.stops(MORNING, Optional.of(MORNING.minusSeconds(30 * 60))));
    }

    @Test
    void hoursApartTheEarlierComesFirst() {
        Instant before = MORNING.minusSeconds(12 * 3600);
        Instant after = MORNING.plusSeconds(5 * 3600);
        assertEquals(List.of(before, MORNING), PlaygroundService.stops(MORNING, Optional.of(before)));
        assertEquals(List.of(MORNING, after), PlaygroundService.stops(MORNING, Optional.of(after)));
    }
}
