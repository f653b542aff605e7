#include "app/gui/PropertiesDock.h"

#include <algorithm>
#include <cctype>

#include <QLabel>
#include <QModelIndex>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include "app/gui/WorkspaceDocument.h"
#include "app/gui/commands/SetScenarioValue.h"
#include "views/WorkspaceTreeModel.h"
#include "views/editors/EditorFields.h"

namespace breakeven::gui {

namespace {
using nlohmann::json;
namespace ed = views::editors;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The GPU's price per hour on `platform` when the catalogue has one
// ("modal.gpu.l4.second": a GPU item whose id names the GPU).
std::optional<double> gpuUsdPerHour(const pricing::PriceSet& prices, const std::string& platform, const std::string& gpu) {
    std::string needle(".");
    needle.append(lower(gpu)).append(".");
    for (const auto& [id, item] : prices.items) {
        if (item.platform != platform || item.item != "gpu" || id.find(needle) == std::string::npos) continue;
        if (item.unit == "GPU-second") return item.usdPerUnit * 3600.0;
        if (item.unit == "GPU-hour") return item.usdPerUnit;
    }
    return std::nullopt;
}
}  // namespace

PropertiesDock::PropertiesDock(QWidget* parent) : QDockWidget(tr("Properties"), parent) {
    setObjectName(QStringLiteral("propertiesDock"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // the forms fit the dock's width
    content_ = new QWidget(scroll);
    layout_ = new QVBoxLayout(content_);
    heading_ = new QLabel(content_);
    heading_->setWordWrap(true);
    heading_->setTextFormat(Qt::RichText);
    layout_->addWidget(heading_);
    layout_->addStretch(1);
    scroll->setWidget(content_);
    setWidget(scroll);
}

void PropertiesDock::setDocument(WorkspaceDocument* document) {
    if (document_ != nullptr) disconnect(document_, nullptr, this, nullptr);
    document_ = document;
    if (document_ != nullptr) connect(document_, &WorkspaceDocument::scenarioChanged, this, [this](int index) {
        if (index == scenario_) refresh();
    });
    showScenario(0);
}

void PropertiesDock::setPrices(const pricing::PriceSet& prices) {
    prices_ = prices;
    refresh();
}

void PropertiesDock::showScenario(int scenario) { showDeployment(scenario, -1); }

void PropertiesDock::showDeployment(int scenario, int deployment) {
    scenario_ = scenario;
    deployment_ = deployment;
    rebuild();
}

void PropertiesDock::showTreeIndex(const QModelIndex& index) {
    const QVariant scenario = index.data(views::WorkspaceTreeModel::ScenarioIndexRole);
    if (!scenario.isValid()) return;
    QVariant deployment = index.data(views::WorkspaceTreeModel::DeploymentIndexRole);
    if (!deployment.isValid() && index.parent().isValid())  // a member: its alternative
        deployment = index.parent().data(views::WorkspaceTreeModel::DeploymentIndexRole);
    showDeployment(scenario.toInt(), deployment.isValid() ? deployment.toInt() : -1);
}

void PropertiesDock::rebuild() {
    for (auto& s : sections_) delete s.form;
    sections_.clear();
    if (document_ == nullptr || scenario_ < 0 || scenario_ >= document_->scenarioCount()) {
        heading_->setText(tr("<i>No scenario. Open a workspace or import a trace.</i>"));
        return;
    }
    const json& scenario = document_->scenarioJson(scenario_);
    const QString scenarioName = QString::fromStdString(scenario.value("name", std::string())).toHtmlEscaped();
    const json& deployments = scenario.at("deployments");
    if (deployment_ < 0 || deployment_ >= static_cast<int>(deployments.size())) {
        deployment_ = -1;
        heading_->setText(tr("<b>Scenario</b> “%1”<br><small>Select an alternative in the workspace tree to edit "
                             "its platform profile.</small>").arg(scenarioName));
        addForm(ed::scenarioFields(), "", {});
        return;
    }
    std::string base("/deployments/");
    base.append(std::to_string(deployment_));
    const json& d = deployments.at(static_cast<std::size_t>(deployment_));
    heading_->setText(tr("<b>%1</b> in “%2”").arg(QString::fromStdString(d.value("name", std::string())).toHtmlEscaped(),
                                                  scenarioName));
    const std::string composite = d.value("kind", std::string());
    if (composite == "hybrid") {
        addForm(ed::compositeFields(), base, {});
        addForm(ed::deploymentFields(), std::string(base).append("/baseline"), tr("Baseline"));
        addForm(ed::deploymentFields(), std::string(base).append("/burst"), tr("Burst"));
    } else if (composite == "split") {
        addForm(ed::compositeFields(), base, {});
        for (std::size_t r = 0; r < d.value("routes", json::array()).size(); ++r)
            addForm(ed::deploymentFields(), std::string(base).append("/routes/").append(std::to_string(r)).append("/deployment"),
                    tr("Route %1").arg(r + 1));
    } else {
        addForm(ed::deploymentFields(), base, {});
    }
}

void PropertiesDock::addForm(std::vector<ed::FieldSpec> fields, const std::string& basePointer, const QString& title) {
    if (!title.isEmpty())
        for (auto& f : fields) f.section = tr("%1: %2").arg(title, f.section);
    auto* form = new ed::PropertyForm(std::move(fields), content_);
    form->setApply([this, basePointer](const std::string& pointer, const json& value, const std::string& field) {
        return apply(basePointer, pointer, value, field);
    });
    layout_->insertWidget(layout_->count() - 1, form);
    sections_.push_back({form, basePointer});
    const json object = document_->scenarioJson(scenario_).value(json::json_pointer(basePointer), json());
    setOptions(form, object);
    form->setObject(object);
}

void PropertiesDock::refresh() {
    if (document_ == nullptr) return;
    if (scenario_ >= document_->scenarioCount()) {
        QTimer::singleShot(0, this, [this] { showScenario(0); });
        return;
    }
    const json& scenario = document_->scenarioJson(scenario_);
    for (auto& s : sections_) {
        const json::json_pointer p(s.basePointer);
        if (!scenario.contains(p)) {  // the alternative changed shape: start again
            QTimer::singleShot(0, this, &PropertiesDock::rebuild);
            return;
        }
        setOptions(s.form, scenario.at(p));
        s.form->setObject(scenario.at(p));
    }
}

QString PropertiesDock::apply(const std::string& basePointer, const std::string& pointer, const json& value,
                              const std::string& field) {
    if (document_ == nullptr) return tr("no workspace");
    std::string target = std::string(basePointer).append(pointer);
    json v = value;
    // A preset model ("mistral-7b") is a string: overriding one figure turns
    // it into {"preset": …, figure: value}.
    if (field == "/instanceType" && value.is_string()) {
        v = withInstance(ed::valueAt(document_->scenarioJson(scenario_), basePointer), value.get<std::string>());
        target = basePointer;
    }
    const std::string modelKey = "/service/model/";
    if (pointer.rfind(modelKey, 0) == 0) {
        const std::string modelPointer = std::string(basePointer).append("/service/model");
        const json model = ed::valueAt(document_->scenarioJson(scenario_), modelPointer);
        if (model.is_string()) {
            v = {{"preset", model}, {pointer.substr(modelKey.size()), value}};
            target = modelPointer;
        }
    }
    const QString label = QString::fromStdString(field).section(QLatin1Char('/'), -1).section(QLatin1Char('#'), 0, 0);
    return SetScenarioValue::push(document_, scenario_, target, v, tr("Edit %1").arg(label),
                                  std::string(basePointer).append(field));
}

std::vector<ed::GpuOption> PropertiesDock::gpuOptions(const json& deployment) const {
    std::vector<ed::GpuOption> out;
    const std::string platform = deployment.is_object() ? deployment.value("platform", std::string("custom")) : "";
    for (const auto& [id, gpu] : prices_.gpus) {
        QString label = tr("%1 — %2 GB, %3 GB/s").arg(QString::fromStdString(id)).arg(gpu.memoryGb).arg(gpu.memoryBandwidthGBs);
        if (const auto usd = gpuUsdPerHour(prices_, platform, id))
            label += tr(", $%1/h on %2").arg(*usd, 0, 'f', 2).arg(QString::fromStdString(platform));
        out.push_back({QString::fromStdString(id), label});
    }
    return out;
}

void PropertiesDock::setOptions(ed::PropertyForm* form, const json& deployment) const {
    form->setOptions("/gpu", gpuOptions(deployment));
    form->setOptions("/instanceType", instanceOptions(deployment));
}

// Catalogue instance ids are "<platform>.<type>" ("aws-ec2.g6.xlarge");
// scenarios name the type alone.
std::vector<ed::GpuOption> PropertiesDock::instanceOptions(const json& deployment) const {
    std::vector<ed::GpuOption> out;
    if (!deployment.is_object()) return out;
    std::string prefix = deployment.value("platform", std::string("custom"));
    prefix.append(".");
    for (const auto& [id, t] : prices_.instances) {
        if (id.rfind(prefix, 0) != 0) continue;
        QString label = tr("%1 — %2 vCPU, %3 GB").arg(QString::fromStdString(id.substr(prefix.size()))).arg(t.vcpu).arg(t.memoryGb);
        if (t.gpu) label += tr(", %1× %2").arg(t.gpuCount).arg(QString::fromStdString(*t.gpu));
        label += tr(", $%1/h").arg(t.usdPerHourOnDemand, 0, 'f', 3);
        out.push_back({QString::fromStdString(id.substr(prefix.size())), label});
    }
    return out;
}

json PropertiesDock::withInstance(json deployment, const std::string& id) const {
    deployment["instanceType"] = id;
    std::string key = deployment.value("platform", std::string("custom"));
    key.append(".").append(id);
    if (const pricing::InstanceType* t = prices_.findInstance(key)) {
        deployment["vcpu"] = t->vcpu;
        deployment["memoryMb"] = t->memoryGb * 1024.0;
        deployment["gpu"] = t->gpu ? json(*t->gpu) : json();
        deployment["gpuCount"] = t->gpu ? t->gpuCount : 0;
    }
    return deployment;
}

views::editors::PropertyForm* PropertiesDock::form(const std::string& basePointer) const {
    for (const auto& s : sections_)
        if (s.basePointer == basePointer) return s.form;
    return nullptr;
}

}  // namespace breakeven::gui
