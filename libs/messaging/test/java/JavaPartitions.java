import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * For each key read from stdin (one per line), prints the partition Apache Kafka's Java producer
 * gives a record with that key (StringSerializer: UTF-8) on a topic of args[0] partitions.
 * Run with the kafka-clients jar: java -cp 'lib/*' JavaPartitions.java 12 < keys
 */
public class JavaPartitions {
  public static void main(String[] args) throws Exception {
    int partitions = Integer.parseInt(args[0]);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    for (String key = in.readLine(); key != null; key = in.readLine()) {
      out.println(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
    }
    out.flush();
  }
}
