#include "views/TracePreview.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include <QBrush>
#include <QColor>

#include "model/trace/TraceText.h"

namespace breakeven::views {

namespace {
// Enough for the header and a few dozen rows of any sane trace.
constexpr std::streamsize kPreviewBytes = 256 * 1024;
}  // namespace

TracePreviewModel::TracePreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void TracePreviewModel::load(const std::string& path, int maxRows) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open the file");
    std::string buffer(static_cast<std::size_t>(kPreviewBytes), '\0');
    in.read(buffer.data(), kPreviewBytes);
    const bool truncated = in.gcount() == kPreviewBytes;
    buffer.resize(static_cast<std::size_t>(in.gcount()));
    if (truncated) buffer.resize(buffer.rfind('\n') == std::string::npos ? 0 : buffer.rfind('\n') + 1);
    lines_.clear();
    trace::detail::LineCursor cursor(buffer);
    for (std::string_view line; static_cast<int>(lines_.size()) <= maxRows && cursor.next(line);)
        if (!trace::detail::LineCursor::blank(line)) lines_.push_back({cursor.lineNumber(), std::string(line)});
    detected_ = ',';
    if (!lines_.empty()) {
        std::ptrdiff_t best = 0;
        for (char c : {',', ';', '\t', '|'}) {
            const auto n = std::count(lines_.front().text.begin(), lines_.front().text.end(), c);
            if (n > best) detected_ = c, best = n;
        }
    }
    delimiter_ = detected_;
    split();
}

void TracePreviewModel::setDelimiter(char delimiter) {
    if (delimiter == delimiter_) return;
    delimiter_ = delimiter;
    split();
}

void TracePreviewModel::split() {
    beginResetModel();
    columns_.clear();
    rows_.clear();
    lineNumbers_.clear();
    columnCount_ = 0;
    highlightRow_ = highlightColumn_ = -1;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        trace::detail::FieldCursor fields(lines_[i].text, delimiter_);
        std::vector<Cell> cells;
        for (std::string_view f; fields.next(f);)
            cells.push_back({QString::fromUtf8(f.data(), static_cast<qsizetype>(f.size())), fields.column()});
        if (i == 0) {
            for (const Cell& c : cells) columns_ << c.text;
        } else {
            rows_.push_back(std::move(cells));
            lineNumbers_.push_back(lines_[i].number);
        }
    }
    columnCount_ = static_cast<int>(columns_.size());
    for (const auto& r : rows_) columnCount_ = std::max(columnCount_, static_cast<int>(r.size()));
    endResetModel();
}

bool TracePreviewModel::highlight(std::uint64_t line, std::uint64_t column) {
    const int oldRow = highlightRow_, oldColumn = highlightColumn_;
    highlightRow_ = highlightColumn_ = -1;
    const auto it = std::find(lineNumbers_.begin(), lineNumbers_.end(), line);
    if (line != 0 && it != lineNumbers_.end()) {
        highlightRow_ = static_cast<int>(it - lineNumbers_.begin());
        const auto& cells = rows_[static_cast<std::size_t>(highlightRow_)];
        highlightColumn_ = 0;
        for (std::size_t c = 0; c < cells.size(); ++c)
            if (cells[c].column <= column) highlightColumn_ = static_cast<int>(c);
    }
    if (oldRow >= 0) emit dataChanged(index(oldRow, oldColumn), index(oldRow, oldColumn));
    if (highlightRow_ >= 0) emit dataChanged(highlighted(), highlighted());
    return highlightRow_ >= 0;
}

QModelIndex TracePreviewModel::highlighted() const {
    return highlightRow_ < 0 ? QModelIndex() : index(highlightRow_, highlightColumn_);
}

int TracePreviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TracePreviewModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : columnCount_; }

QVariant TracePreviewModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount_) return {};
    const auto& cells = rows_[static_cast<std::size_t>(index.row())];
    const bool marked = index.row() == highlightRow_ && index.column() == highlightColumn_;
    switch (role) {
        case Qt::DisplayRole:
            return static_cast<std::size_t>(index.column()) < cells.size()
                       ? QVariant(cells[static_cast<std::size_t>(index.column())].text)
                       : QVariant();
        case Qt::BackgroundRole: return marked ? QVariant(QBrush(QColor(214, 39, 40, 90))) : QVariant();
        case Qt::ToolTipRole: return marked ? QVariant(tr("The reader stopped here")) : QVariant();
        default: return {};
    }
}

QVariant TracePreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Horizontal)
        return section < columns_.size() ? QVariant(columns_[section]) : QVariant(tr("(extra)"));
    if (section >= 0 && static_cast<std::size_t>(section) < lineNumbers_.size())
        return QString::number(lineNumbers_[static_cast<std::size_t>(section)]);
    return {};
}

}  // namespace breakeven::views
