#pragma once
// Edit ▸ Preferences…: the cost-curve sweep (points, rateScale range), the
// price catalogue file and the autosave interval, kept in QSettings and
// applied by the window at once (no restart).
#include <QDialog>
#include <QString>

QT_BEGIN_NAMESPACE
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
QT_END_NAMESPACE

namespace breakeven::gui {

struct Preferences {
    int sweepPoints = 24;
    double sweepFrom = 0.1;  // × the scenario's traffic (workload.rateScale)
    double sweepTo = 20.0;
    QString cataloguePath;   // "" = the default catalogue
    int autosaveMinutes = 3; // 0 = never

    // Stored values over the defaults given.
    static Preferences load(const Preferences& defaults);
    void save() const;
    friend bool operator==(const Preferences&, const Preferences&) = default;
};

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const Preferences& current, QWidget* parent = nullptr);
    [[nodiscard]] Preferences preferences() const;

private:
    void validate();

    QSpinBox* points_;
    QDoubleSpinBox* from_;
    QDoubleSpinBox* to_;
    QLineEdit* catalogue_;
    QSpinBox* autosave_;
    QLabel* error_;
    QWidget* ok_ = nullptr;
};

}  // namespace breakeven::gui
