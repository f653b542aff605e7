#pragma once
// The column mapping of a CSV trace whose header is not a known format: a
// preview of its first rows, column pickers (arrival time, duration, input
// and output tokens, key), unit selectors, and the result of actually
// reading the whole file with that mapping (model/trace's CSV reader, the
// one the simulator uses) plotted as arrivals per minute. A reader error
// shows its file, line and column and marks the cell in the preview;
// Import is enabled only when the whole file reads cleanly.
#include <optional>
#include <string>

#include <QDialog>

#include "model/trace/TraceReader.h"
#include "model/trace/TraceStats.h"

QT_BEGIN_NAMESPACE
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
QT_END_NAMESPACE

namespace breakeven::views {
class ArrivalsChart;
class TracePreviewModel;
}  // namespace breakeven::views

namespace breakeven::gui {

class CsvMappingDialog : public QDialog {
    Q_OBJECT
public:
    // Throws std::runtime_error when the file cannot be read at all.
    explicit CsvMappingDialog(const std::string& path, QWidget* parent = nullptr);
    ~CsvMappingDialog() override;

    // The options the widgets describe (format csv, explicit delimiter).
    [[nodiscard]] trace::TraceOptions options() const;
    // Sets the widgets (columns must be in the header) and re-reads at once.
    void setMapping(const trace::CsvMapping& mapping);
    // Reads the file with options() now (edits do it after a short pause).
    void reparse();

    [[nodiscard]] const std::optional<trace::TraceProfile>& profile() const { return profile_; }
    [[nodiscard]] QString errorText() const { return error_; }
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] views::TracePreviewModel* previewModel() const { return preview_; }
    [[nodiscard]] views::ArrivalsChart* arrivalsChart() const { return chart_; }
    [[nodiscard]] bool canAccept() const;

private:
    void buildForm();
    void fillChoices();
    void connectForm();
    void fillColumns();
    void guessColumns();
    void scheduleParse();
    void showResult();

    std::string path_;
    views::TracePreviewModel* preview_;
    QTableView* table_;
    QComboBox* delimiter_;
    QComboBox* timeColumn_;
    QComboBox* timeUnit_;
    QLineEdit* timeFormat_;
    QComboBox* serviceColumn_;
    QComboBox* serviceUnit_;
    QComboBox* inputColumn_;
    QComboBox* outputColumn_;
    QComboBox* keyColumn_;
    QLabel* summary_;
    QLabel* errorLabel_;
    views::ArrivalsChart* chart_;
    QDialogButtonBox* buttons_;
    QTimer* debounce_;
    std::optional<trace::TraceProfile> profile_;
    QString error_;
    bool filling_ = false;
};

}  // namespace breakeven::gui
