import com.loyalty.chat.localstack.ChatStack;
import com.loyalty.chat.localstack.ChatStackOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the project's stack on free ports (as the e2e tests do), prints where its first realtime node and
 * session-service listen, and stops it when stdin closes. Used by bench/free-ports/connections.sh.
 */
public class FreePortStack {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path logs = Path.of(args[1]);
        Files.createDirectories(logs);
        List<String> jvm = Arrays.asList(System.getenv().getOrDefault("STACK_JVM_OPTS",
                "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC").split("\\s+"));
        try (ChatStack stack = ChatStack.start(ChatStackOptions.forTests(root).withRealtimeNodes(1)
                .withLogDirectory(logs).withJvmOptions(jvm))) {
            System.out.println("NODE " + stack.realtimeNodeUrls().getFirst());
            System.out.println("SESSION " + stack.serviceUrl("session-service"));
            System.out.println("GATEWAY " + stack.gatewayUrl());
            System.out.println("UP");
            System.out.flush();
            while (System.in.read() >= 0) {
            }
        }
    }
}
