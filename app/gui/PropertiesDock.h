#pragma once
// The "Properties" dock: the editor of what is selected in the workspace
// tree — the scenario (workload, SLOs, cache, pricing), or one alternative
// (its platform profile and model; a hybrid/split also shows its router and
// every member). Every accepted edit is a SetScenarioValue on the document's
// undo stack; a value the strict reader refuses shows the reader's message
// under its field and changes nothing.
#include <string>
#include <vector>

#include <QDockWidget>
#include <QPointer>

#include "pricing/PriceSet.h"
#include "views/editors/PropertyForm.h"

QT_BEGIN_NAMESPACE
class QLabel;
class QModelIndex;
class QVBoxLayout;
QT_END_NAMESPACE

namespace breakeven::gui {

class WorkspaceDocument;

class PropertiesDock : public QDockWidget {
    Q_OBJECT
public:
    explicit PropertiesDock(QWidget* parent = nullptr);

    void setDocument(WorkspaceDocument* document);
    // GPU choices (memory, $/h on the deployment's platform) come from here.
    void setPrices(const pricing::PriceSet& prices);
    void showScenario(int scenario);
    void showDeployment(int scenario, int deployment);
    // A workspace tree index (WorkspaceTreeModel roles).
    void showTreeIndex(const QModelIndex& index);

    // The forms on show, with the JSON pointer each edits (tests).
    struct Section {
        views::editors::PropertyForm* form;
        std::string basePointer;  // "" = the scenario, "/deployments/2", "/deployments/6/burst"
    };
    [[nodiscard]] const std::vector<Section>& sections() const { return sections_; }
    [[nodiscard]] views::editors::PropertyForm* form(const std::string& basePointer) const;
    [[nodiscard]] int scenario() const { return scenario_; }
    [[nodiscard]] int deployment() const { return deployment_; }

private:
    void rebuild();
    void refresh();
    void addForm(std::vector<views::editors::FieldSpec> fields, const std::string& basePointer, const QString& title);
    QString apply(const std::string& basePointer, const std::string& pointer, const nlohmann::json& value,
                  const std::string& field);
    [[nodiscard]] std::vector<views::editors::GpuOption> gpuOptions(const nlohmann::json& deployment) const;
    [[nodiscard]] std::vector<views::editors::GpuOption> instanceOptions(const nlohmann::json& deployment) const;
    void setOptions(views::editors::PropertyForm* form, const nlohmann::json& deployment) const;
    // An instance type brings its size: the deployment with instanceType,
    // vcpu, memoryMb, gpu and gpuCount of catalogue instance `id`.
    [[nodiscard]] nlohmann::json withInstance(nlohmann::json deployment, const std::string& id) const;

    QPointer<WorkspaceDocument> document_;
    pricing::PriceSet prices_;
    int scenario_ = 0;
    int deployment_ = -1;  // -1: the scenario itself
    QWidget* content_ = nullptr;
    QVBoxLayout* layout_ = nullptr;
    QLabel* heading_ = nullptr;
    std::vector<Section> sections_;
};

}  // namespace breakeven::gui
