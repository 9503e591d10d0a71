package com.loyalty.chat.bench;

import java.util.Arrays;

import com.loyalty.chat.bench.adminlist.AdminListBenchmark;
import com.loyalty.chat.bench.adminlist.Seeder;
import com.loyalty.chat.bench.connections.ConnectionBenchmark;
import com.loyalty.chat.bench.connections.StormBenchmark;
import com.loyalty.chat.bench.messages.MessageBenchmark;

/**
 * The benchmark jar's entry point. bench/run.sh and bench/admin-list.sh start and stop the systems under test; this
 * jar only talks to a system that is already up.
 */
public final class BenchMain {

    static final String USAGE = """
            Usage: java -jar bench-exec.jar <command> [options]
              messages    the message path: open-model load, delivery latency, CPU per message (see MessageOptions)
              seed        fill the project's database with sessions and messages for the admin list
              admin-list  GET /api/v2/admin/chat/sessions for every status filter and deep pages
              connections idle authenticated sockets held by one realtime node: handshakes/s, refusals, memory
              storm       sockets through the gateway on two nodes; one is killed and its clients reconnect at once
            Each command takes --help.
            """;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        int exitCode = switch (args[0]) {
            case "messages" -> MessageBenchmark.main(options);
            case "seed" -> Seeder.main(options);
            case "admin-list" -> AdminListBenchmark.main(options);
            case "connections" -> ConnectionBenchmark.main(options);
            case "storm" -> StormBenchmark.main(options);
            default -> {
                System.err.print(USAGE);
                yield 2;
            }
        };
        System.exit(exitCode);
    }
}
