package dev.slipstream.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The state a build's steps share: the options, the temporary workspace, and what each step
 * produced for the ones after it. One context per build; steps run in order, so fields set by
 * one step are read by later ones without further synchronization.
 */
public final class BuildContext {

    private final BuildOptions options;
    private final Workspace workspace;
    private final List<String> warnings = new ArrayList<>();
    private StagedTree tree;

    public BuildContext(BuildOptions options, Workspace workspace) {
        this.options = options;
        this.workspace = workspace;
    }

    public BuildOptions options() {
        return options;
    }

    public Workspace workspace() {
        return workspace;
    }

    public StagedTree tree() {
        if (tree == null) {
            throw new IllegalStateException("the staged tree is read before the media were probed");
        }
        return tree;
    }

    public void tree(StagedTree t) {
        this.tree = t;
    }

    public synchronized void warning(String w) {
        warnings.add(w);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }
}
