package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildPlanTest {

    static BuildStep step(String id, boolean fail) {
        return new BuildStep() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "doing " + id;
            }

            @Override
            public void run(BuildContext context, StepReporter reporter) throws IOException {
                reporter.advance(10);
                reporter.warn(id + " warns");
                if (fail) {
                    throw new IOException(id + " broke");
                }
                reporter.summary(id + " done");
            }
        };
    }

    @Test
    void everyStepStartsAndFinishesInOrder() throws Exception {
        List<BuildEvent> events = new ArrayList<>();
        new BuildPlan(List.of(step("a", false), step("b", false))).run(new BuildContext(new BuildOptions(), null), events::add);
        assertThat(events).extracting(e -> e.getClass().getSimpleName() + ":" + e.step()).containsExactly(
                "StepStarted:a", "StepProgress:a", "Warning:a", "StepFinished:a",
                "StepStarted:b", "StepProgress:b", "Warning:b", "StepFinished:b");
        assertThat(((BuildEvent.StepFinished) events.get(3)).summary()).isEqualTo("a done");
    }

    @Test
    void aFailingStepReportsAndStopsThePlan() {
        List<BuildEvent> events = new ArrayList<>();
        BuildPlan plan = new BuildPlan(List.of(step("a", true), step("b", false)));
        assertThatThrownBy(() -> plan.run(new BuildContext(new BuildOptions(), null), events::add)).hasMessage("a broke");
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(BuildEvent.StepFailed.class,
                f -> assertThat(f.message()).isEqualTo("a broke"));
        assertThat(events).noneMatch(e -> e.step().equals("b"));
    }
}
