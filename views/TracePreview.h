#pragma once
// The first rows of a delimited text file as a table, for the CSV mapping
// dialog. Fields are split by model/trace's own FieldCursor (quotes, BOM,
// CRLF), so the preview shows exactly the fields the reader sees. The
// vertical header is the file's line number, the horizontal one the header
// row; a reader error (line, column) can be highlighted.
#include <cstdint>
#include <string>
#include <vector>

#include <QAbstractTableModel>
#include <QStringList>

namespace breakeven::views {

class TracePreviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit TracePreviewModel(QObject* parent = nullptr);

    // Reads the first `maxRows` data rows (and the header) of `path`; throws
    // std::runtime_error naming the file when it cannot be read.
    void load(const std::string& path, int maxRows = 50);
    // ',' ';' '\t' or '|': whichever the header line contains most (',' if none).
    [[nodiscard]] char detectedDelimiter() const { return detected_; }
    void setDelimiter(char delimiter);
    [[nodiscard]] char delimiter() const { return delimiter_; }
    [[nodiscard]] const QStringList& columns() const { return columns_; }
    // Marks the cell holding byte `column` of file line `line` (1-based, as
    // in TraceError); (0, 0) clears. False when that line is not previewed.
    bool highlight(std::uint64_t line, std::uint64_t column);
    [[nodiscard]] QModelIndex highlighted() const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Cell {
        QString text;
        std::uint64_t column = 1;  // 1-based byte column where the field starts
    };
    struct Line {
        std::uint64_t number = 0;
        std::string text;
    };
    void split();

    std::vector<Line> lines_;  // header first
    char detected_ = ',', delimiter_ = ',';
    QStringList columns_;
    std::vector<std::uint64_t> lineNumbers_;
    std::vector<std::vector<Cell>> rows_;
    int columnCount_ = 0;
    int highlightRow_ = -1, highlightColumn_ = -1;
};

}  // namespace breakeven::views
