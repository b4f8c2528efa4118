package app.pacer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the processor time of a run went, from {@code /proc}: the server under test, every PostgreSQL process,
 * and this JVM (the load generator and the fake platforms). Read before and after; the difference per request
 * says what one request costs each of them, which a requests-per-second figure on a shared machine hides.
 */
record CpuMeter(long server, long database, long self) {

    /** Linux counts process time in clock ticks; 100 per second on every kernel configuration we run on. */
    private static final double TICK_MS = 10.0;

    static CpuMeter read(long serverPid) {
        return new CpuMeter(ticks(Path.of("/proc", String.valueOf(serverPid), "stat")), postgresTicks(),
                ticks(Path.of("/proc/self/stat")));
    }

    /** Milliseconds of processor time per request since {@code before}, as a table cell. */
    String perRequest(CpuMeter before, long requests) {
        if (requests <= 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f ms", (server - before.server) * TICK_MS / requests,
                (database - before.database) * TICK_MS / requests, (self - before.self) * TICK_MS / requests);
    }

    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> "postgres".equals(comm(p)))
                    .mapToLong(p -> ticks(p.resolve("stat"))).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String comm(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** utime + stime of one process (fields 14 and 15; the name in field 2 may hold spaces, so count from its ')'). */
    private static long ticks(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0; // a process that ended between listing and reading
        }
    }
}
