#pragma once
// Lays text, tables and drawings out top to bottom over pages of a
// QPdfWriter: long text wraps, a block that does not fit starts a new page,
// long tables continue on the next page under a repeated header, and every
// page gets a footer with its number. Headings are recorded with their page
// for the table of contents.
#include <functional>
#include <vector>

#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QPainter;
class QPdfWriter;
QT_END_NAMESPACE

namespace breakeven::report {

struct TocEntry {
    QString title;
    int level = 1;
    int page = 1;
};

struct TableColumn {
    QString header;
    double widthWeight = 1.0;  // share of the body width
    bool alignRight = false;
};

class PageFlow {
public:
    // `footerLeft` is printed left of "Page N of M" on every page; `totalPages`
    // 0 = unknown yet (first pass: "Page N").
    PageFlow(QPdfWriter& writer, QPainter& painter, QString footerLeft, int totalPages);

    void newPage();
    void heading(const QString& text, int level = 1);
    void paragraph(const QString& text, const QFont& font, double spaceAfterPt = 6.0);
    void paragraph(const QString& text) { paragraph(text, bodyFont()); }
    void bullets(const QStringList& lines, const QFont& font);
    void table(const std::vector<TableColumn>& columns, const std::vector<QStringList>& rows, const QFont& font);
    // A drawing of `heightPt` points across the body width (a new page when it
    // does not fit).
    void drawing(double heightPt, const std::function<void(QPainter&, const QRectF&)>& draw);
    void space(double pt);
    // Starts a new page unless `heightPt` points are left (keeps a heading
    // with the drawing under it).
    void keep(double heightPt) { ensure(pt(heightPt)); }
    void finish();  // footer of the last page

    [[nodiscard]] QFont bodyFont() const;
    [[nodiscard]] QFont monoFont() const;
    [[nodiscard]] int page() const { return page_; }
    [[nodiscard]] const std::vector<TocEntry>& toc() const { return toc_; }
    [[nodiscard]] double pt(double points) const { return points * dpi_ / 72.0; }
    [[nodiscard]] QRectF body() const { return body_; }
    [[nodiscard]] double remaining() const { return body_.bottom() - y_; }

private:
    void footer();
    void ensure(double height);
    double textHeight(const QString& text, const QFont& font, double width) const;
    double rowHeight(const std::vector<TableColumn>& columns, const QStringList& cells, const QFont& font,
                     const std::vector<double>& widths) const;
    void drawRow(const std::vector<TableColumn>& columns, const QStringList& cells, const QFont& font,
                 const std::vector<double>& widths, double height, bool header, bool shaded);

    QPdfWriter& writer_;
    QPainter& p_;
    QString footerLeft_;
    int totalPages_;
    double dpi_;
    QRectF body_;
    double y_ = 0.0;
    int page_ = 1;
    std::vector<TocEntry> toc_;
};

}  // namespace breakeven::report
