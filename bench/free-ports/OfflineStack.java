import com.loyalty.chat.localstack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB, Kafka and the JWK set on free ports, and the tokens of the users and admins that bench/free-ports/offline.sh
 * seeds (one file per kind, one token a line), for message-services started alone; stops when stdin closes.
 */
public class OfflineStack {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int users = Integer.parseInt(args[1]);
        int admins = Integer.parseInt(args[2]);
        LocalStack stack = LocalStack.shared();
        List<String> userTokens = new ArrayList<>();
        for (long user = 1; user <= users; user++) {
            userTokens.add(stack.tokens().issue(user, "136%08d".formatted(user), "bench", false));
        }
        List<String> adminTokens = new ArrayList<>();
        for (long admin = 1; admin <= admins; admin++) {
            adminTokens.add(stack.tokens().issue(100_000 + admin, "139%08d".formatted(admin), "admin", true));
        }
        Files.write(out.resolve("user-tokens"), userTokens);
        Files.write(out.resolve("admin-tokens"), adminTokens);
        System.out.println("DB " + stack.databasePort());
        System.out.println("KAFKA " + stack.kafkaBootstrapServers());
        System.out.println("JWK " + stack.jwkSetUri());
        System.out.println("UP");
        System.out.flush();
        while (System.in.read() >= 0) {
        }
        System.exit(0);
    }
}
