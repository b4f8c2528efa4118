package app.pacer.leads;

import app.pacer.core.command.ArgError;
import app.pacer.core.reply.Language;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A workspace's pipeline: the built-in stages (renamed where the admins did) and the ones they added. */
@ApplicationScoped
public class Stages {

    private final EntityManager em;

    public Stages(EntityManager em) {
        this.em = em;
    }

    public List<Stage> of(Long workspaceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT stage_key, name_en, name_zh, position FROM lead_stage WHERE workspace_id = ?1")
                .setParameter(1, workspaceId).getResultList();
        List<Stage> stages = new ArrayList<>();
        for (Stage builtin : Stage.BUILTIN) {
            Stage stage = builtin;
            for (Object[] r : rows) {
                if (r[0].equals(builtin.key())) {
                    stage = new Stage(builtin.key(), (String) r[1], (String) r[2], builtin.kind(), builtin.position());
                }
            }
            stages.add(stage);
        }
        for (Object[] r : rows) {
            if (Stage.BUILTIN.stream().noneMatch(b -> b.key().equals(r[0]))) {
                stages.add(new Stage((String) r[0], (String) r[1], (String) r[2], Stage.Kind.OPEN, ((Number) r[3]).intValue()));
            }
        }
        stages.sort(Comparator.comparingInt(Stage::position));
        return stages;
    }

    public Stage require(Long workspaceId, String typed, Language language) {
        List<Stage> all = of(workspaceId);
        return all.stream().filter(s -> s.matches(typed)).findFirst().orElseThrow(() -> new ArgError("error.stage.unknown",
                typed, String.join(", ", all.stream().map(s -> s.key() + (language == Language.ZH ? "(" + s.nameZh() + ")" : "")).toList())));
    }

    public Stage byKey(Long workspaceId, String key) {
        return of(workspaceId).stream().filter(s -> s.key().equals(key)).findFirst()
                .orElse(new Stage(key, key, key, Stage.Kind.OPEN, 0));
    }

    /** The open stage after this one (won after the last open one); none after won or lost. */
    public java.util.Optional<Stage> next(Long workspaceId, Stage current) {
        if (current.closed()) {
            return java.util.Optional.empty();
        }
        List<Stage> all = of(workspaceId);
        for (int i = all.indexOf(current) + 1; i < all.size(); i++) {
            if (all.get(i).kind() != Stage.Kind.LOST) {
                return java.util.Optional.of(all.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    public void upsert(Long workspaceId, String key, String nameEn, String nameZh, int position) {
        em.createNativeQuery("""
                INSERT INTO lead_stage (workspace_id, stage_key, name_en, name_zh, position) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (workspace_id, stage_key) DO UPDATE SET name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh""")
                .setParameter(1, workspaceId).setParameter(2, key).setParameter(3, nameEn).setParameter(4, nameZh)
                .setParameter(5, position).executeUpdate();
    }
}
