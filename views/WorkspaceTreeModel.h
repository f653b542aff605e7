#pragma once
// The workspace tree: Scenarios ▸ alternatives (with their members), and
// Traces. Rebuilt from the Workspace after every change; it holds no state
// of its own. Renaming a scenario in place does not change the model: it
// asks for the edit (renameRequested), and the owner pushes an undoable
// command and rebuilds.
#include <QStandardItemModel>

#include "model/io/Workspace.h"

namespace breakeven::views {

class WorkspaceTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role { KindRole = Qt::UserRole + 1, ScenarioIndexRole, DeploymentIndexRole, TraceIndexRole };
    enum Kind { GroupItem, ScenarioItem, AlternativeItem, MemberItem, TraceItem };

    explicit WorkspaceTreeModel(QObject* parent = nullptr);

    void rebuild(const Workspace& workspace);
    [[nodiscard]] QModelIndex scenarioIndex(int scenario) const;

    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    void renameRequested(int scenario, const QString& newName);
};

}  // namespace breakeven::views
