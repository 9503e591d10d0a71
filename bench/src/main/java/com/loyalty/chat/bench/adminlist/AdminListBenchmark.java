package com.loyalty.chat.bench.adminlist;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.loyalty.chat.bench.Args;
import com.loyalty.chat.bench.Rest;
import com.loyalty.chat.bench.system.Machine;
import com.loyalty.chat.bench.system.ProcessCpu;

import tools.jackson.databind.JsonNode;

/**
 * The admin session list through the gateway: for each status filter and page, a fixed number of clients ask for
 * that page back to back for a few seconds (a closed loop: the figure is the throughput the system sustains, and the
 * latencies at that throughput).
 */
public final class AdminListBenchmark {

    static final String USAGE = """
            Usage: admin-list [options]
              --url URL           the gateway (default http://127.0.0.1:3000)
              --admin-mobile M    the admin who lists (default 13612227930, userId 31)
              --statuses LIST     default all,pending,waiting,active,closed
              --pages LIST        page numbers, and "last" (default 1,10,100,1000,last)
              --page-size N       default 20
              --concurrency C     clients asking at once (default 16)
              --seconds S         measured seconds per status and page (default 5)
              --warmup S          seconds of warm-up over page 1 of every status first (default 10)
              --watch-pid PID     measure the CPU of this process and its descendants, repeatable
              --out FILE          also write the Markdown report there
              --db-port P         the project's MariaDB on 127.0.0.1, to report its buffer pool and table sizes
              --note TEXT         a line for the report's header, repeatable
            """;

    /** The last page of a million sessions is an OFFSET of a million rows: seconds, not milliseconds. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String token;
    private final int pageSize;
    private final int concurrency;
    private final Duration measured;
    private final List<ProcessCpu.Watched> processes;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private AdminListBenchmark(URI base, String token, int pageSize, int concurrency, Duration measured,
                               List<ProcessCpu.Watched> processes) {
        this.base = base;
        this.token = token;
        this.pageSize = pageSize;
        this.concurrency = concurrency;
        this.measured = measured;
        this.processes = processes;
    }

    public static int main(String[] arguments) throws Exception {
        if (List.of(arguments).contains("--help")) {
            System.out.print(USAGE);
            return 0;
        }
        Args args = Args.parse(arguments, Set.of("--url", "--admin-mobile", "--statuses", "--pages", "--page-size",
                "--concurrency", "--seconds", "--warmup", "--watch-pid", "--out", "--db-port", "--note"), Set.of());
        URI base = URI.create(args.string("--url", "http://127.0.0.1:3000"));
        Rest rest = new Rest(base);
        String token = rest.post("/api/v2/auth/login", null,
                Map.of("mobile", args.string("--admin-mobile", "13612227930"), "verificationCode", "123456"))
                .path("data").path("token").asString();
        List<ProcessCpu.Watched> processes = ProcessCpu.discover(
                args.all("--watch-pid").stream().map(Long::parseLong).toList());
        AdminListBenchmark benchmark = new AdminListBenchmark(base, token, args.integer("--page-size", 20),
                args.integer("--concurrency", 16), Duration.ofSeconds(args.integer("--seconds", 5)), processes);

        List<String> statuses = Arrays.asList(args.string("--statuses", "all,pending,waiting,active,closed")
                .split(","));
        List<String> pages = Arrays.asList(args.string("--pages", "1,10,100,1000,last").split(","));
        Duration warmup = Duration.ofSeconds(args.integer("--warmup", 10));
        // The services' JIT and the database's buffer pool warm up on every filter before anything is measured.
        log("warming up for " + warmup.toSeconds() + " s");
        for (String status : statuses) {
            benchmark.measure(status, 1, warmup.dividedBy(statuses.size()));
        }

        List<Cell> cells = new ArrayList<>();
        for (String status : statuses) {
            JsonNode first = rest.get(benchmark.path(status, 1), token).path("data");
            long total = first.path("totalCount").asLong();
            long lastPage = Math.max(1, first.path("pagination").path("totalPages").asLong());
            log(status + ": " + total + " sessions, " + lastPage + " pages of " + benchmark.pageSize);
            for (String page : pages) {
                long number = page.equals("last") ? lastPage : Long.parseLong(page);
                if (number > lastPage || (page.equals("last") && pages.contains(String.valueOf(lastPage)))) {
                    continue;
                }
                Cell cell = benchmark.measure(status, number, benchmark.measured).withTotal(total, lastPage);
                log(cell.line());
                cells.add(cell);
            }
        }
        List<String> notes = new ArrayList<>(args.all("--note"));
        String jvmOptions = ProcessCpu.serviceJvmOptions(processes);
        if (!jvmOptions.isEmpty()) {
            notes.add("Service JVM options: `" + jvmOptions + "`.");
        }
        String dbPort = args.string("--db-port", null);
        if (dbPort != null) {
            notes.add(DatabaseFacts.describe(Integer.parseInt(dbPort)));
        }
        String markdown = benchmark.markdown(cells, notes);
        System.out.println();
        System.out.print(markdown);
        String out = args.string("--out", null);
        if (out != null) {
            Path file = Path.of(out);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown);
            log("report written to " + file);
        }
        return cells.stream().allMatch(cell -> cell.errors() == 0) ? 0 : 1;
    }

    private String path(String status, long page) {
        return "/api/v2/admin/chat/sessions?status=" + status + "&page=" + page + "&pageSize=" + pageSize;
    }

    /** {@code concurrency} clients asking for one page back to back for {@code duration}. */
    private Cell measure(String status, long page, Duration duration) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path(status, page)))
                .header("Authorization", "Bearer " + token).timeout(REQUEST_TIMEOUT).GET().build();
        Histogram latency = new ConcurrentHistogram(3);
        LongAdder errors = new LongAdder();
        Map<Long, Long> cpuBefore = ProcessCpu.snapshot(processes);
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < concurrency; client++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                latency.recordValue((System.nanoTime() - sent) / 1000);
                            } else {
                                errors.increment();
                            }
                        } catch (IOException e) {
                            errors.increment();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<Long, Long> cpuAfter = ProcessCpu.snapshot(processes);
        long systemCpu = 0;
        long self = ProcessHandle.current().pid();
        for (ProcessCpu.Watched process : processes) {
            if (process.pid() != self && cpuBefore.containsKey(process.pid())
                    && cpuAfter.containsKey(process.pid())) {
                systemCpu += cpuAfter.get(process.pid()) - cpuBefore.get(process.pid());
            }
        }
        return new Cell(status, page, latency.getTotalCount() / seconds, latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99), latency.getMaxValue(), errors.sum(),
                latency.getTotalCount() == 0 ? 0 : (double) systemCpu / latency.getTotalCount(), 0, 0);
    }

    private String markdown(List<Cell> cells, List<String> notes) {
        StringBuilder text = new StringBuilder()
                .append("## Admin session list through the gateway (").append(LocalDate.now()).append(")\n\n")
                .append("`GET /api/v2/admin/chat/sessions?status=…&page=…&pageSize=").append(pageSize)
                .append("` as admin 31; ").append(concurrency).append(" clients back to back for ")
                .append(measured.toSeconds()).append(" s per row (closed loop: req/s is what the system sustained, ")
                .append("latencies at that load).  \n")
                .append("Machine: ").append(Machine.describe()).append(".  \n");
        notes.forEach(note -> text.append(note).append("  \n"));
        text.append("\n| status | sessions | page | req/s | p50 ms | p99 ms | max ms | errors | CPU ms/req |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Cell cell : cells) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %d of %d | %.0f | %s | %s | %s | %d | %.2f |%n",
                    cell.status(), cell.total(), cell.page(), cell.lastPage(), cell.perSecond(),
                    millis(cell.p50()), millis(cell.p99()), millis(cell.max()), cell.errors(), cell.cpuPerRequest()));
        }
        return text.toString();
    }

    private static String millis(long micros) {
        double ms = micros / 1000.0;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }

    private record Cell(String status, long page, double perSecond, long p50, long p99, long max, long errors,
                        double cpuPerRequest, long total, long lastPage) {

        Cell withTotal(long sessions, long pages) {
            return new Cell(status, page, perSecond, p50, p99, max, errors, cpuPerRequest, sessions, pages);
        }

        String line() {
            return String.format(Locale.ROOT, "%s page %d: %.0f req/s, p50 %s ms, p99 %s ms, %d errors", status, page,
                    perSecond, millis(p50), millis(p99), errors);
        }
    }

    static void log(String line) {
        System.err.println("[admin-list " + Instant.now().toString().substring(11, 19) + "] " + line);
    }
}
