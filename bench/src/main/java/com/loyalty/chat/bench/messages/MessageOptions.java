package com.loyalty.chat.bench.messages;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.loyalty.chat.bench.Args;

/** The options of the {@code messages} command. */
record MessageOptions(Target target, URI base, double rate, int durationSeconds, int warmupSeconds, int users,
                      int nodes, boolean direct, List<URI> nodeUrls, List<Long> watchPids, Path out,
                      boolean failOnLoss, String adminMobile, int drainSeconds, int idleSeconds,
                      String kafka, String database, boolean countStatements,
                      List<String> notes) {

    static final String USAGE = """
            Usage: messages [options]
              --target project|peer   system under test (default project)
              --url URL               its HTTP base (default http://127.0.0.1:3000; the peer: http://127.0.0.1:3100)
              --rate R                messages per second offered, open model (default 1000)
              --duration S            measured seconds (default 60)
              --warmup S              seconds of the same load before measuring (default 10)
              --users N               sending users, one socket each (default rate/10, at least 10: the nodes
                                      allow 20 frames/s per connection)
              --nodes N               realtime nodes; with 2 or more the admin sits on another node than the users
              --connect gateway|direct  through the gateway's /ws (default), or straight to --node-url sockets
              --node-url URL          a realtime node's HTTP base, repeatable (direct: users on the first, admin
                                      on the last)
              --watch-pid PID         measure the CPU of this process and its descendants, repeatable
              --out FILE              also write the Markdown report there
              --admin-mobile M        the admin who receives (default 13612227930)
              --drain S               how long after the last send a message may still arrive (default 5)
              --idle S                seconds of CPU measured with everyone connected and nothing sent, before
                                      the load, to tell the cost of messages from the cost of being up (default 5)
              --kafka HOST:PORT       count the records each topic receives in the measured window
              --db HOST:PORT          the project's MariaDB (root, no password): watch message-service's outbox
              --count-statements      with --db: count the statements MariaDB runs, by schema and shape, from its
                                      general query log, for the measured messages alone (a census: the warm-up
                                      settles first). The log slows the database: a census's latencies are not
                                      the system's
              --note TEXT             a line for the report's header, repeatable
              --fail-on-loss          exit 1 unless every measured message was acknowledged and delivered once
            """;

    static MessageOptions parse(String[] arguments) {
        Args args = Args.parse(arguments,
                Set.of("--target", "--url", "--rate", "--duration", "--warmup", "--users", "--nodes", "--connect",
                        "--node-url", "--watch-pid", "--out", "--admin-mobile", "--drain", "--idle", "--kafka",
                        "--db", "--note"),
                Set.of("--fail-on-loss", "--count-statements"));
        Target target = Target.named(args.string("--target", "project"));
        double rate = args.decimal("--rate", 1000);
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        String connect = args.string("--connect", "gateway");
        if (!connect.equals("gateway") && !connect.equals("direct")) {
            throw new IllegalArgumentException("--connect must be gateway or direct, not " + connect);
        }
        List<URI> nodeUrls = args.all("--node-url").stream().map(URI::create).toList();
        if (connect.equals("direct") && nodeUrls.isEmpty()) {
            throw new IllegalArgumentException("--connect direct needs --node-url");
        }
        String defaultUrl = target instanceof Target.Peer ? "http://127.0.0.1:3100" : "http://127.0.0.1:3000";
        String out = args.string("--out", null);
        if (args.flag("--count-statements") && args.string("--db", null) == null) {
            throw new IllegalArgumentException("--count-statements needs --db");
        }
        return new MessageOptions(target, URI.create(args.string("--url", defaultUrl)), rate,
                args.integer("--duration", 60), args.integer("--warmup", 10),
                args.integer("--users", Math.max(10, (int) Math.ceil(rate / 10))), args.integer("--nodes", 1),
                connect.equals("direct"), nodeUrls, args.all("--watch-pid").stream().map(Long::parseLong).toList(),
                out == null ? null : Path.of(out), args.flag("--fail-on-loss"),
                args.string("--admin-mobile", "13612227930"), args.integer("--drain", 5), args.integer("--idle", 5),
                args.string("--kafka", null), args.string("--db", null), args.flag("--count-statements"),
                args.all("--note"));
    }

    int measuredMessages() {
        return (int) Math.round(rate * durationSeconds);
    }

    int warmupMessages() {
        return (int) Math.round(rate * warmupSeconds);
    }
}
