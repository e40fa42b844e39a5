import dev.slipstream.core.cab.CabinetLocator;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Runs CabinetLocator once (cold: class loading and JIT included) on each file, prints what it
 * chose, and the wall and CPU time of the locate call alone; for scripts/bench/cab-locate.
 */
public class CabLocate {
    public static void main(String[] args) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        for (String f : args) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            CabinetLocator.Result r = CabinetLocator.locate(Path.of(f));
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            for (CabinetLocator.Candidate c : r.chosen()) {
                System.err.println(f + ": " + c.describe());
            }
            System.out.printf("%.3f %.3f%n", cpu / 1e9, wall / 1e9);
        }
    }
}
