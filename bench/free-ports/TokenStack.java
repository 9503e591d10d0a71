import com.loyalty.chat.localstack.LocalStack;

/**
 * Kafka and the JWK set on free ports, and one user token signed with the stack's key, for a realtime node started
 * alone (bench/free-ports/handshakes.sh); stops when stdin closes.
 */
public class TokenStack {
    public static void main(String[] args) throws Exception {
        LocalStack stack = LocalStack.shared();
        System.out.println("KAFKA " + stack.kafkaBootstrapServers());
        System.out.println("JWK " + stack.jwkSetUri());
        System.out.println("TOKEN " + stack.tokens().issue(4242L, "13600004242", "bench", false));
        System.out.println("UP");
        System.out.flush();
        while (System.in.read() >= 0) {
        }
        System.exit(0);
    }
}
