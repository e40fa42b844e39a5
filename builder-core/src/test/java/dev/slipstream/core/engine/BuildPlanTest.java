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

    /** What a test step does when it runs. */
    @FunctionalInterface
    interface Body {
        void run() throws IOException;
    }

    /** A step that runs {@code body} and hands its outcome, as reported, to {@code reported}. */
    static BuildStep step(String id, Body body, java.util.function.Consumer<Throwable> reported) {
        return new BuildStep() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return id;
            }

            @Override
            public void run(BuildContext context, StepReporter reporter) throws IOException {
                body.run();
            }

            @Override
            public void reported(Throwable failure) {
                reported.accept(failure);
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

    @Test
    void stepsOfOneStageRunAtTheSameTimeAndTheNextStageWaitsForThemAll() throws Exception {
        java.util.concurrent.CountDownLatch bothRunning = new java.util.concurrent.CountDownLatch(2);
        BuildStep waiting = step("waits", false);
        List<BuildStep> stage = new ArrayList<>();
        for (String id : List.of("x", "y")) {
            stage.add(step(id, () -> {
                bothRunning.countDown();
                try {
                    // Each waits for the other: only concurrent steps get past this.
                    if (!bothRunning.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IOException(id + " ran alone");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }, failure -> { }));
        }
        List<BuildEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        BuildPlan.ofStages(List.of(stage, List.of(waiting))).run(new BuildContext(new BuildOptions(), null), events::add);
        List<String> seen = events.stream().map(e -> e.getClass().getSimpleName() + ":" + e.step()).toList();
        assertThat(seen).contains("StepFinished:x", "StepFinished:y");
        assertThat(seen.indexOf("StepStarted:waits")).isGreaterThan(seen.indexOf("StepFinished:x"))
                .isGreaterThan(seen.indexOf("StepFinished:y"));
    }

    @Test
    void aGatedOutputIsNotPublishedWhenTheCheckBesideItFails() {
        CheckGate gate = new CheckGate();
        boolean[] published = {false};
        BuildStep check = step("check", () -> {
            throw new IOException("the result is broken");
        }, gate::settle);
        BuildStep output = step("output", () -> {
            gate.await("the output");
            published[0] = true;
        }, failure -> { });
        List<BuildEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> BuildPlan.ofStages(List.of(List.of(check, output)))
                .run(new BuildContext(new BuildOptions(), null), events::add)).hasMessage("the result is broken");
        assertThat(published[0]).isFalse();
        // The check's failure is reported before the output's, which only follows from it.
        assertThat(events).filteredOn(e -> e instanceof BuildEvent.StepFailed).extracting(BuildEvent::step)
                .containsExactly("check", "output");
    }

    @Test
    void aListenerThatThrowsStillReleasesTheStepsWaitingOnAGate() {
        CheckGate gate = new CheckGate();
        BuildStep check = step("check", () -> { }, gate::settle);
        BuildStep output = step("output", () -> gate.await("the output"), failure -> { });
        BuildListener throwing = e -> {
            if (e instanceof BuildEvent.StepStarted s && s.step().equals("check")) {
                throw new java.io.UncheckedIOException(new IOException("injected: the log cannot be written"));
            }
        };
        assertThatThrownBy(() -> BuildPlan.ofStages(List.of(List.of(check, output)))
                .run(new BuildContext(new BuildOptions(), null), throwing)).hasMessageContaining("injected");
    }
}
