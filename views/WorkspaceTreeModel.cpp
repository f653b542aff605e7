#include "views/WorkspaceTreeModel.h"

namespace breakeven::views {

namespace {
QStandardItem* makeItem(const QString& text, WorkspaceTreeModel::Kind kind, bool editable = false) {
    auto* i = new QStandardItem(text);
    i->setData(kind, WorkspaceTreeModel::KindRole);
    i->setEditable(editable);
    return i;
}

QString describe(const DeploymentSpec& d) {
    if (d.composite != Composite::None) return QString::fromUtf8(toString(d.composite));
    return QString::fromStdString(d.platform);
}

QStandardItem* alternativeItem(const DeploymentSpec& d, int scenario, int index) {
    auto* alt = makeItem(QStringLiteral("%1  (%2)").arg(QString::fromStdString(d.name), describe(d)),
                     WorkspaceTreeModel::AlternativeItem);
    alt->setData(scenario, WorkspaceTreeModel::ScenarioIndexRole);
    alt->setData(index, WorkspaceTreeModel::DeploymentIndexRole);
    for (const auto& m : d.members) {
        auto* member = makeItem(QStringLiteral("%1  (%2)").arg(QString::fromStdString(m.name), describe(m)),
                            WorkspaceTreeModel::MemberItem);
        member->setData(scenario, WorkspaceTreeModel::ScenarioIndexRole);
        alt->appendRow(member);
    }
    return alt;
}
}  // namespace

WorkspaceTreeModel::WorkspaceTreeModel(QObject* parent) : QStandardItemModel(parent) {
    setHorizontalHeaderLabels({tr("Workspace")});
}

void WorkspaceTreeModel::rebuild(const Workspace& workspace) {
    clear();
    setHorizontalHeaderLabels({tr("Workspace")});
    auto* scenarios = makeItem(tr("Scenarios"), GroupItem);
    for (std::size_t s = 0; s < workspace.scenarios.size(); ++s) {
        const Scenario& scenario = workspace.scenarios[s].scenario;
        auto* node = makeItem(QString::fromStdString(scenario.name), ScenarioItem, true);
        node->setData(static_cast<int>(s), ScenarioIndexRole);
        node->setToolTip(tr("Double-click to rename"));
        for (std::size_t d = 0; d < scenario.deployments.size(); ++d)
            node->appendRow(alternativeItem(scenario.deployments[d], static_cast<int>(s), static_cast<int>(d)));
        scenarios->appendRow(node);
    }
    appendRow(scenarios);
    auto* traces = makeItem(tr("Traces"), GroupItem);
    for (std::size_t i = 0; i < workspace.traces.size(); ++i) {
        const auto& t = workspace.traces[i];
        auto* node = makeItem(QString::fromStdString(t.name), TraceItem);
        node->setData(static_cast<int>(i), TraceIndexRole);
        node->setToolTip(tr("%1\nRight-click to use it for the current scenario").arg(QString::fromStdString(t.path)));
        traces->appendRow(node);
    }
    appendRow(traces);
}

QModelIndex WorkspaceTreeModel::scenarioIndex(int scenario) const {
    const QModelIndex group = index(0, 0);
    return index(scenario, 0, group);
}

bool WorkspaceTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role == Qt::EditRole && index.data(KindRole).toInt() == ScenarioItem) {
        const QString name = value.toString().trimmed();
        if (!name.isEmpty() && name != index.data(Qt::DisplayRole).toString())
            emit renameRequested(index.data(ScenarioIndexRole).toInt(), name);
        return false;  // the rebuild after the command shows the new name
    }
    return QStandardItemModel::setData(index, value, role);
}

}  // namespace breakeven::views
