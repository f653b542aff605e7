#include "app/gui/CsvMappingDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "views/TracePreview.h"
#include "views/charts/TraceCharts.h"

namespace breakeven::gui {

namespace {
QString noneLabel() { return QObject::tr("(none)"); }

// The first column whose name matches `pattern` (case-insensitive), or -1.
int findColumn(const QStringList& columns, const QString& pattern) {
    const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
    for (int i = 0; i < columns.size(); ++i)
        if (re.match(columns[i]).hasMatch()) return i;
    return -1;
}

std::optional<std::string> optionalColumn(const QComboBox* box) {
    if (box->currentIndex() <= 0) return std::nullopt;  // item 0 is "(none)"
    return box->currentText().toStdString();
}

void selectColumn(QComboBox* box, const std::optional<std::string>& column) {
    const int i = column ? box->findText(QString::fromStdString(*column)) : 0;
    box->setCurrentIndex(std::max(0, i));
}

void selectData(QComboBox* box, const QVariant& data) { box->setCurrentIndex(std::max(0, box->findData(data))); }

QString span(double seconds) {
    if (seconds < 120.0) return QObject::tr("%L1 s").arg(seconds, 0, 'f', 1);
    if (seconds < 3 * 3600.0) return QObject::tr("%L1 min").arg(seconds / 60.0, 0, 'f', 1);
    return QObject::tr("%L1 h").arg(seconds / 3600.0, 0, 'f', 2);
}
}  // namespace

CsvMappingDialog::CsvMappingDialog(const std::string& path, QWidget* parent)
    : QDialog(parent), path_(path), preview_(new views::TracePreviewModel(this)), table_(new QTableView(this)),
      delimiter_(new QComboBox(this)), timeColumn_(new QComboBox(this)), timeUnit_(new QComboBox(this)),
      timeFormat_(new QLineEdit(this)), serviceColumn_(new QComboBox(this)), serviceUnit_(new QComboBox(this)),
      inputColumn_(new QComboBox(this)), outputColumn_(new QComboBox(this)), keyColumn_(new QComboBox(this)),
      summary_(new QLabel(this)), errorLabel_(new QLabel(this)), chart_(new views::ArrivalsChart(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      debounce_(new QTimer(this)) {
    setObjectName(QStringLiteral("csvMappingDialog"));
    setWindowTitle(tr("Import CSV trace — %1").arg(QFileInfo(QString::fromStdString(path)).fileName()));
    preview_->load(path);
    buildForm();
    debounce_->setSingleShot(true);
    debounce_->setInterval(250);
    connect(debounce_, &QTimer::timeout, this, &CsvMappingDialog::reparse);
    fillColumns();
    guessColumns();
    reparse();
}

CsvMappingDialog::~CsvMappingDialog() = default;

void CsvMappingDialog::buildForm() {
    auto* intro = new QLabel(tr("<b>%1</b><br>Its header is not one of the known trace formats. Choose the column "
                                "that holds each request's arrival time and, if present, its duration and token "
                                "counts. The whole file is read with this mapping before it is imported.")
                                 .arg(QString::fromStdString(path_).toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    intro->setTextInteractionFlags(Qt::TextSelectableByMouse);
    table_->setModel(preview_);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->setToolTip(tr("Line number in the file"));
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->setMinimumHeight(170);
    fillChoices();
    auto* time = new QGroupBox(tr("Arrival time"), this);
    auto* timeForm = new QFormLayout(time);
    timeForm->addRow(tr("Column:"), timeColumn_);
    timeForm->addRow(tr("Unit:"), timeUnit_);
    timeForm->addRow(tr("Datetime format:"), timeFormat_);
    timeForm->addRow(tr("Delimiter:"), delimiter_);
    auto* request = new QGroupBox(tr("Per request (optional)"), this);
    auto* requestForm = new QFormLayout(request);
    auto* service = new QHBoxLayout;
    service->addWidget(serviceColumn_, 1);
    service->addWidget(serviceUnit_);
    requestForm->addRow(tr("Duration:"), service);
    requestForm->addRow(tr("Input tokens:"), inputColumn_);
    requestForm->addRow(tr("Output tokens:"), outputColumn_);
    requestForm->addRow(tr("Key (cache affinity):"), keyColumn_);
    auto* forms = new QHBoxLayout;
    forms->addWidget(time, 1);
    forms->addWidget(request, 1);
    summary_->setWordWrap(true);
    errorLabel_->setWordWrap(true);
    errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLabel_->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold;"));
    chart_->setMinimumHeight(220);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(table_, 1);
    layout->addLayout(forms);
    layout->addWidget(summary_);
    layout->addWidget(errorLabel_);
    layout->addWidget(chart_, 1);
    layout->addWidget(buttons_);
    connectForm();
    resize(980, 820);
}

void CsvMappingDialog::fillChoices() {
    delimiter_->addItem(tr("Comma ( , )"), QVariant(int(',')));
    delimiter_->addItem(tr("Semicolon ( ; )"), QVariant(int(';')));
    delimiter_->addItem(tr("Tab"), QVariant(int('\t')));
    delimiter_->addItem(tr("Pipe ( | )"), QVariant(int('|')));
    selectData(delimiter_, int(preview_->detectedDelimiter()));
    timeUnit_->addItem(tr("seconds"), QStringLiteral("s"));
    timeUnit_->addItem(tr("milliseconds"), QStringLiteral("ms"));
    timeUnit_->addItem(tr("microseconds"), QStringLiteral("us"));
    timeUnit_->addItem(tr("date and time"), QStringLiteral("datetime"));
    timeFormat_->setPlaceholderText(tr("ISO 8601, or e.g. %d/%m/%Y %H:%M:%S"));
    serviceUnit_->addItem(tr("seconds"), QStringLiteral("s"));
    serviceUnit_->addItem(tr("milliseconds"), QStringLiteral("ms"));
}

void CsvMappingDialog::connectForm() {
    for (QComboBox* box : {timeColumn_, timeUnit_, serviceColumn_, serviceUnit_, inputColumn_, outputColumn_, keyColumn_})
        connect(box, &QComboBox::currentIndexChanged, this, &CsvMappingDialog::scheduleParse);
    connect(timeFormat_, &QLineEdit::textChanged, this, &CsvMappingDialog::scheduleParse);
    connect(delimiter_, &QComboBox::currentIndexChanged, this, [this] {
        preview_->setDelimiter(static_cast<char>(delimiter_->currentData().toInt()));
        fillColumns();
        guessColumns();
        scheduleParse();
    });
}

void CsvMappingDialog::fillColumns() {
    filling_ = true;
    const QStringList columns = preview_->columns();
    timeColumn_->clear();
    timeColumn_->addItems(columns);
    for (QComboBox* box : {serviceColumn_, inputColumn_, outputColumn_, keyColumn_}) {
        box->clear();
        box->addItem(noneLabel());
        box->addItems(columns);
    }
    filling_ = false;
}

// Common names of the usual columns; the user corrects what is wrong.
void CsvMappingDialog::guessColumns() {
    filling_ = true;
    const QStringList columns = preview_->columns();
    const int time = findColumn(columns, QStringLiteral("time|arriv|sent|date|received|created|_at$|^ts$"));
    timeColumn_->setCurrentIndex(std::max(0, time));
    if (time >= 0) {
        const QString name = columns[time];
        const QModelIndex first = preview_->index(0, time);
        const QString sample = first.isValid() ? first.data().toString() : QString();
        const QString unit = sample.contains(QLatin1Char('-')) && sample.contains(QLatin1Char(':'))
                                 ? QStringLiteral("datetime")
                             : name.contains(QRegularExpression(QStringLiteral("ms|milli"), QRegularExpression::CaseInsensitiveOption))
                                 ? QStringLiteral("ms")
                             : name.contains(QRegularExpression(QStringLiteral("us$|micro"), QRegularExpression::CaseInsensitiveOption))
                                 ? QStringLiteral("us")
                                 : QStringLiteral("s");
        selectData(timeUnit_, unit);
    }
    const int service = findColumn(columns, QStringLiteral("duration|latency|service|elapsed"));
    serviceColumn_->setCurrentIndex(service + 1);
    if (service >= 0 && columns[service].contains(QStringLiteral("ms"), Qt::CaseInsensitive))
        selectData(serviceUnit_, QStringLiteral("ms"));
    inputColumn_->setCurrentIndex(findColumn(columns, QStringLiteral("input|prompt|context|request.?tokens")) + 1);
    outputColumn_->setCurrentIndex(findColumn(columns, QStringLiteral("output|completion|generated|response")) + 1);
    filling_ = false;
}

trace::TraceOptions CsvMappingDialog::options() const {
    trace::TraceOptions o;
    o.format = trace::TraceFormat::Csv;
    trace::CsvMapping& m = o.mapping;
    m.timeColumn = timeColumn_->currentText().toStdString();
    m.timeUnit = timeUnit_->currentData().toString().toStdString();
    if (m.timeUnit == "datetime" && !timeFormat_->text().trimmed().isEmpty())
        m.timeFormat = timeFormat_->text().trimmed().toStdString();
    m.serviceColumn = optionalColumn(serviceColumn_);
    m.serviceUnit = serviceUnit_->currentData().toString().toStdString();
    m.inputTokensColumn = optionalColumn(inputColumn_);
    m.outputTokensColumn = optionalColumn(outputColumn_);
    m.keyColumn = optionalColumn(keyColumn_);
    m.delimiter = static_cast<char>(delimiter_->currentData().toInt());
    return o;
}

void CsvMappingDialog::setMapping(const trace::CsvMapping& m) {
    filling_ = true;
    if (m.delimiter) {
        selectData(delimiter_, int(*m.delimiter));
        preview_->setDelimiter(*m.delimiter);
        fillColumns();
        filling_ = true;
    }
    timeColumn_->setCurrentIndex(std::max(0, timeColumn_->findText(QString::fromStdString(m.timeColumn))));
    selectData(timeUnit_, QString::fromStdString(m.timeUnit));
    timeFormat_->setText(QString::fromStdString(m.timeFormat.value_or("")));
    selectColumn(serviceColumn_, m.serviceColumn);
    selectData(serviceUnit_, QString::fromStdString(m.serviceUnit));
    selectColumn(inputColumn_, m.inputTokensColumn);
    selectColumn(outputColumn_, m.outputTokensColumn);
    selectColumn(keyColumn_, m.keyColumn);
    filling_ = false;
    reparse();
}

void CsvMappingDialog::scheduleParse() {
    if (filling_) return;
    timeFormat_->setEnabled(timeUnit_->currentData().toString() == QLatin1String("datetime"));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(false);  // until the new mapping has been read
    debounce_->start();
}

void CsvMappingDialog::reparse() {
    debounce_->stop();
    timeFormat_->setEnabled(timeUnit_->currentData().toString() == QLatin1String("datetime"));
    profile_.reset();
    error_.clear();
    preview_->highlight(0, 0);
    try {
        auto reader = trace::openTrace(path_, options());
        profile_ = trace::profileTrace(*reader);
        if (profile_->stats.requests == 0) {
            error_ = tr("%1: no request was read with this mapping").arg(QString::fromStdString(path_));
            profile_.reset();
        }
    } catch (const trace::TraceError& e) {
        error_ = QString::fromStdString(e.what());
        if (e.line() > 0 && !preview_->highlight(e.line(), e.column()))
            error_ += tr(" (beyond the rows previewed)");
        if (preview_->highlighted().isValid()) table_->scrollTo(preview_->highlighted());
    } catch (const std::exception& e) {
        error_ = QString::fromStdString(e.what());
    }
    showResult();
}

QString CsvMappingDialog::summaryText() const { return summary_->text(); }

bool CsvMappingDialog::canAccept() const { return buttons_->button(QDialogButtonBox::Ok)->isEnabled(); }

void CsvMappingDialog::showResult() {
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(profile_.has_value());
    errorLabel_->setText(error_);
    errorLabel_->setVisible(!error_.isEmpty());
    if (!profile_) {
        summary_->clear();
        chart_->clear();
        return;
    }
    const trace::TraceStatistics& s = profile_->stats;
    const trace::TraceReport& r = profile_->report;
    const QString clock =
        r.startTime ? tr("absolute times, first arrival %1").arg(QString::fromStdString(*r.startTime))
        : r.clockOriginMicros
            ? tr("offsets from the file's t = 0, first arrival at %L1 s")
                  .arg(static_cast<double>(*r.clockOriginMicros) / 1e6, 0, 'f', 3)
            : tr("offsets");
    summary_->setText(tr("Read <b>%L1 requests</b> over %2 (%3); peak %L4 per minute.%5")
                          .arg(s.requests)
                          .arg(span(s.durationSeconds))
                          .arg(clock)
                          .arg(s.peakPerMinute)
                          .arg(r.warnings.empty() ? QString()
                                                  : QStringLiteral(" ") + QString::fromStdString(r.warnings.front())));
    chart_->setArrivalsPerMinute(profile_->arrivalsPerMinute);
}

}  // namespace breakeven::gui
