import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop client of the offline endpoint for bench/free-ports/offline.sh: CONCURRENCY callers, each asking again
 * as soon as it has its answer, for SECONDS, cycling through the tokens of a file. Prints one table row: answers/s,
 * latency, and the CPU each named process spent per answer (utime + stime from /proc/PID/stat).
 * Usage: java OfflineLoad.java URL TOKEN_FILE CONCURRENCY SECONDS LABEL=PID...
 */
public class OfflineLoad {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().filter(t -> !t.isBlank()).toList();
        int concurrency = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        List<String[]> processes = Arrays.stream(args, 4, args.length).map(a -> a.split("=", 2)).toList();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long[] cpuBefore = processes.stream().mapToLong(p -> cpuTicks(p[1])).toArray();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[concurrency];
        Thread[] callers = new Thread[concurrency];
        for (int c = 0; c < concurrency; c++) {
            long[] mine = new long[1 << 20];
            latencies.add(mine);
            int index = c;
            callers[c] = Thread.ofPlatform().start(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    String token = tokens.get(Math.floorMod(next.getAndIncrement(), tokens.size()));
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(30)).GET().build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - sent;
                    }
                }
                counts[index] = n;
            });
        }
        for (Thread caller : callers) {
            caller.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = processes.stream().mapToLong(p -> cpuTicks(p[1])).toArray();
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < concurrency; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        StringBuilder row = new StringBuilder("| %.0f | %.1f | %.1f | %d |".formatted(all.length / elapsed,
                percentile(all, 0.50), percentile(all, 0.99), failures.get()));
        // Clock ticks are 10 ms (USER_HZ 100) on Linux.
        for (int p = 0; p < processes.size(); p++) {
            row.append(" %.2f |".formatted((cpuAfter[p] - cpuBefore[p]) * 10.0 / Math.max(1, all.length)));
        }
        System.out.println(row);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)] / 1e6;
    }

    private static long cpuTicks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception e) {
            return 0;
        }
    }
}
